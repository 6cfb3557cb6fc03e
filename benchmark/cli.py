"""The ``newsroles`` command line. Imports are lazy so that ``--help`` is instant.

Exit status: 0 success; 2 bad input or usage (one line on stderr); 1 a bug.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmark.errors import InputError

SPLIT_CHOICES = ("train", "validation", "test", "test_unseen")


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors as one line (and status 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError(f"{self.prog}: {message}", fix=f"see '{self.prog} --help'")


def _verb(sub, name: str, help_text: str, example: str, func) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text,
                            epilog=f"example:\n  {example}",
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(func=func)
    return parser


def _data_home(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-home", type=Path, default=None,
                        help="the data folder (default: $NEWSROLES_DATA or the repository's data/)")


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    from benchmark.release import atomic_write

    atomic_write(out, text.encode("utf-8"))


# --- data ------------------------------------------------------------------------------------

def cmd_data_build(args) -> int:
    from benchmark.loaders import get_data_home
    from benchmark.release import write_release

    files = write_release(get_data_home(args.data_home, need_release=False), args.out)
    sizes = ", ".join(f"{name} {len(content) // 1024} KiB" for name, content in files.items())
    print(f"wrote {len(files)} files: {sizes}")
    return 0


def _release_frames(args) -> dict:
    from benchmark.loaders import load_split

    return {split: load_split(split, data_home=args.data_home) for split in SPLIT_CHOICES}


def cmd_data_stats(args) -> int:
    from benchmark.stats import corpus_stats, format_stats

    from benchmark.loaders import get_data_home, load_articles

    articles = load_articles(data_home=args.data_home)
    stats = corpus_stats(_release_frames(args), dict(zip(articles["article_id"], articles["headline"])))
    manifest_path = get_data_home(args.data_home) / "manifest.csv"
    if manifest_path.is_file():
        import pandas as pd

        from benchmark.stats import plan_comparison

        stats["plan"] = plan_comparison(pd.read_csv(manifest_path), stats)
    sys.stdout.write(json.dumps(stats, indent=2) + "\n" if args.json else format_stats(stats))
    return 0


def cmd_data_check(args) -> int:
    from benchmark.checks import check_frames, check_near_duplicates
    from benchmark.loaders import get_data_home
    from benchmark.release import build_release
    from benchmark.splits import read_outlets, reserved_outlets

    home = get_data_home(args.data_home)
    frames = _release_frames(args)
    problems = [str(p) for p in check_frames(frames, reserved_outlets(read_outlets(home / "outlets.toml")))]
    near, note = check_near_duplicates(frames)
    problems += [str(p) for p in near]
    if (home / "source").is_dir():
        fresh = build_release(home)
        stale = sorted(name for name, content in fresh.items()
                       if not (home / "release" / name).is_file()
                       or (home / "release" / name).read_bytes() != content)
        if stale:
            problems.append(f"release differs from the source in {', '.join(stale)}; "
                            "fix: run 'newsroles data build'")
    n = sum(len(f) for f in frames.values())
    if problems:
        print(note)
        for line in problems:
            print(f"newsroles data check: {line}", file=sys.stderr)
        return 2
    print(f"data check passed: {n} sentences in {len(frames)} splits; {note}")
    return 0


def cmd_data_export(args) -> int:
    from benchmark.loaders import load_split

    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise InputError(f"cannot export to {suffix or 'a file without suffix'!r}", path=out,
                         fix="name the output .csv or .jsonl")
    frame = load_split(args.split, data_home=args.data_home)
    if suffix == ".csv":
        text = frame.to_csv(index=False, lineterminator="\n")
    else:
        from benchmark.release import to_jsonl

        text = to_jsonl(frame.to_dict(orient="records")).decode("utf-8")
    _emit(text, out)
    print(f"wrote {len(frame)} sentences of {args.split} to {out}")
    return 0


# --- score -----------------------------------------------------------------------------------

def cmd_score(args) -> int:
    from benchmark.report import format_markdown, format_text, validate_record
    from benchmark.scoring import score

    if args.split is None and args.gold is None:
        raise InputError("newsroles score: give --split NAME or --gold FILE",
                         fix="see 'newsroles score --help'")
    record = validate_record(score(args.predictions, split=args.split, gold=args.gold,
                                   data_home=args.data_home, n_boot=args.n_boot, seed=args.seed))
    if args.json:
        text = json.dumps(record, indent=2) + "\n"
    elif args.markdown:
        text = format_markdown(record)
    else:
        text = format_text(record)
    _emit(text, args.out)
    return 0


def cmd_compare(args) -> int:
    from benchmark.compare import compare, format_text

    if args.split is None and args.gold is None:
        raise InputError("newsroles compare: give --split NAME or --gold FILE",
                         fix="see 'newsroles compare --help'")
    record = compare(args.a, args.b, split=args.split, gold=args.gold, data_home=args.data_home,
                     n_boot=args.n_boot, seed=args.seed)
    sys.stdout.write(json.dumps(record, indent=2) + "\n" if args.json else format_text(record))
    return 0


def cmd_report(args) -> int:
    from benchmark.htmlreport import write_report

    index = write_report(args.submissions, split=args.split, out=args.out, data_home=args.data_home,
                         results=args.results)
    print(f"wrote {index}")
    return 0


# --- models (the only verbs that import baselines) ---------------------------------------------

def cmd_train(args) -> int:
    from benchmark.modelling import train

    train(args.name, out=args.out, split=args.split, seed=args.seed, data_home=args.data_home)
    return 0


def cmd_predict(args) -> int:
    from benchmark.modelling import predict

    if (args.split is None) == (args.input is None):
        raise InputError("newsroles predict: give exactly one of --split and --input",
                         fix="see 'newsroles predict --help'")
    predict(args.model, out=args.out, split=args.split, input_path=args.input,
            data_home=args.data_home)
    return 0


def cmd_reproduce(args) -> int:
    from benchmark.modelling import reproduce

    reproduce(only=args.only, results=args.results, readme=args.readme, data_home=args.data_home)
    return 0


# --- segment and clean ---------------------------------------------------------------------------

def _output(args):
    import contextlib

    if args.out is None:
        return contextlib.nullcontext(sys.stdout)
    from benchmark.release import atomic_text_writer

    return atomic_text_writer(args.out)


def _progress(items, unit: str):
    from tqdm import tqdm

    return tqdm(items, unit=unit, desc=unit + "s", file=sys.stderr, disable=None)


def cmd_segment(args) -> int:
    from benchmark.clean import Skipped, read_articles
    from benchmark.segment import segment

    skipped = 0
    with _output(args) as out:
        for item in _progress(read_articles(args.inputs, fmt=args.format, text_field=args.text_field,
                                            id_field=args.id_field), "article"):
            if isinstance(item, Skipped):
                skipped += 1
                print(f"skipped {item.name}: {item.reason}", file=sys.stderr)
                continue
            for position, s in enumerate(segment(item.text)):
                out.write(json.dumps({"article": item.name, "id": f"{item.name}-{position:03d}",
                                      "position": position, "paragraph": s.paragraph,
                                      "text": s.text, "start": s.start, "end": s.end},
                                     ensure_ascii=False) + "\n")
    return 2 if skipped else 0


def cmd_clean(args) -> int:
    from benchmark.clean import clean_stream, default_model, read_articles, write_cleaned
    from benchmark.labels import LABELS
    from benchmark.modelfile import load_model

    keep = frozenset(k.strip() for k in args.keep.split(",") if k.strip())
    unknown = sorted(keep - set(LABELS))
    if unknown or not keep:
        raise InputError(f"--keep: unknown label {', '.join(unknown) or '(none given)'}",
                         fix=f"give a comma-separated list of {', '.join(LABELS)}")
    model_path = args.model or default_model(data_home=args.data_home)
    model = load_model(model_path)[0]
    items = read_articles(args.inputs, fmt=args.format, text_field=args.text_field, id_field=args.id_field)
    several = len(args.inputs) > 1 or any(Path(p).is_dir() for p in args.inputs)
    stream = clean_stream(_progress(items, "article"), model=model, model_path=model_path,
                          keep=keep, jobs=args.jobs)
    with _output(args) as out:
        n_articles, n_sentences, skipped = write_cleaned(stream, out, output=args.output,
                                                         text_field=args.text_field, several=several)
    if skipped:
        print(f"newsroles clean: skipped {len(skipped)} of {n_articles + len(skipped)} articles "
              "(named above); the rest were cleaned", file=sys.stderr)
        return 2
    return 0


def _reader_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", metavar="FILE", help="files or folders; - or nothing for stdin")
    p.add_argument("--format", choices=("auto", "text", "jsonl", "html"), default="auto",
                   help="input format (default: by file suffix; stdin is text)")
    p.add_argument("--text-field", default="text", help="JSONL: the field holding the article text")
    p.add_argument("--id-field", default="id", help="JSONL: the field naming the article")
    p.add_argument("--out", type=Path, default=None, help="write here instead of stdout")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsroles", description=(
        "newsroles: a benchmark for the roles of sentences in news articles "
        "(event_fact, quote, context, boilerplate)."),
        epilog="example:\n  newsroles reproduce", formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)

    data = sub.add_parser("data", help="build, check, count and export the corpus",
                          description="build, check, count and export the corpus",
                          epilog="example:\n  newsroles data stats --json",
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    data_sub = data.add_subparsers(dest="data_verb", metavar="ACTION", parser_class=_Parser)
    data.set_defaults(func=lambda args: (data.print_help(), 2)[1])

    p = _verb(data_sub, "build", "build data/release from the authored source",
              "newsroles data build", cmd_data_build)
    _data_home(p)
    p.add_argument("--out", type=Path, default=None, help="release folder (default: DATA_HOME/release)")

    p = _verb(data_sub, "check", "refuse a release with leaks, duplicates or unknown labels",
              "newsroles data check", cmd_data_check)
    _data_home(p)

    p = _verb(data_sub, "stats", "counts per split, label, boilerplate kind, outlet, topic, form",
              "newsroles data stats --json", cmd_data_stats)
    _data_home(p)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = _verb(data_sub, "export", "write one split's sentence records with labels",
              "newsroles data export --split test --out test.csv", cmd_data_export)
    _data_home(p)
    p.add_argument("--split", required=True, choices=SPLIT_CHOICES)
    p.add_argument("--out", type=Path, required=True, help="output file, .csv or .jsonl")

    p = _verb(sub, "score", "score predictions against a split or a gold file",
              "newsroles score pred.csv --split test --json", cmd_score)
    p.add_argument("predictions", type=Path, help="CSV or JSONL with id,label[,p_<label>...]")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--split", choices=SPLIT_CHOICES)
    target.add_argument("--gold", type=Path, help="a labelled CSV/JSONL with id,label")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the versioned JSON record")
    fmt.add_argument("--markdown", action="store_true", help="print a Markdown table")
    p.add_argument("--out", type=Path, default=None, help="write to this file instead of stdout")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    _data_home(p)

    p = _verb(sub, "compare", "paired bootstrap test of submission B against A (macro-F1, appeal F1)",
              "newsroles compare a.csv b.csv --split test", cmd_compare)
    p.add_argument("a", type=Path, help="submission A: CSV or JSONL with id,label[,p_<label>...]")
    p.add_argument("b", type=Path, help="submission B, for the same sentences")
    target = p.add_mutually_exclusive_group()
    target.add_argument("--split", choices=SPLIT_CHOICES)
    target.add_argument("--gold", type=Path, help="a labelled CSV/JSONL with id,label")
    p.add_argument("--json", action="store_true", help="print the versioned JSON record")
    p.add_argument("--n-boot", type=int, default=1000, help="paired resamples of articles (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    _data_home(p)

    p = _verb(sub, "report", "write a static HTML report with pictures, beside the committed baselines",
              "newsroles report a.csv b.csv --split test --out report/", cmd_report)
    p.add_argument("submissions", type=Path, nargs="+", help="one or more submissions for the split")
    p.add_argument("--split", required=True, choices=SPLIT_CHOICES)
    p.add_argument("--out", type=Path, required=True,
                   help="report folder (created; only an earlier report's files are replaced)")
    p.add_argument("--results", type=Path, default=None,
                   help="baselines' results.json (default: the repository's results/results.json)")
    _data_home(p)

    p = _verb(sub, "train", "train a registered baseline and save it with skops",
              "newsroles train majority --out majority.skops", cmd_train)
    p.add_argument("name", help="a registered baseline (see 'newsroles reproduce --help')")
    p.add_argument("--out", type=Path, required=True, help="model file to write")
    p.add_argument("--split", default="train", choices=SPLIT_CHOICES, help="training split")
    p.add_argument("--seed", type=int, default=0)
    _data_home(p)

    p = _verb(sub, "predict", "predict labels for a split or your own sentences",
              "newsroles predict --model majority.skops --split test --out pred.csv", cmd_predict)
    p.add_argument("--model", type=Path, required=True)
    p.add_argument("--split", choices=SPLIT_CHOICES)
    p.add_argument("--input", type=Path, help="JSONL with at least id, article_id, position, text")
    p.add_argument("--out", type=Path, required=True, help="predictions CSV to write")
    _data_home(p)

    p = _verb(sub, "segment", "split articles into sentences (JSONL: text, paragraph, character span)",
              "newsroles segment article.txt", cmd_segment)
    _reader_options(p)

    p = _verb(sub, "clean", "strip the publisher's boilerplate from scraped articles",
              "newsroles clean scraped/ --out cleaned.txt\n  newsroles clean page.html --as sentences",
              cmd_clean)
    _reader_options(p)
    p.add_argument("--model", type=Path, default=None,
                   help="a model file from 'newsroles train' (default: the cached default model)")
    p.add_argument("--keep", default="event_fact,quote,context",
                   help="labels to keep, comma-separated (default: all reporting)")
    p.add_argument("--as", dest="output", choices=("text", "sentences"), default="text",
                   help="cleaned text (JSONL in gives JSONL out) or labelled sentence JSONL")
    p.add_argument("--jobs", type=int, default=1, help="classify in this many processes")
    _data_home(p)

    p = _verb(sub, "reproduce", "retrain every baseline and rewrite the results table",
              "newsroles reproduce --only majority", cmd_reproduce)
    p.add_argument("--only", action="append", help="run only this baseline (repeatable)")
    p.add_argument("--results", type=Path, default=None, help="results folder (default: results/)")
    p.add_argument("--readme", type=Path, default=None, help="README to update (default: README.md)")
    _data_home(p)
    return parser


def _version() -> str:
    from benchmark import DATASET_VERSION, SCORER_VERSION, __version__

    return f"newsroles {__version__} (dataset {DATASET_VERSION}, scorer {SCORER_VERSION})"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if getattr(args, "func", None) is None:
            parser.print_help()
            return 2
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
