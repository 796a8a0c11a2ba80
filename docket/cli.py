"""The `docket` command: a thin shell over the pipeline, the store and the exports."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

import click
from tqdm import tqdm

from docket.config import DEFAULT_SETTINGS
from docket.errors import AccessError, DocketError, exit_code
from docket.model import Rejection
from docket.store import ROLES, Store

DEFAULT_DB = "docket.db"


def _default_report(db: str) -> str:
    return str(Path(db).with_suffix("")) + "-report.html"


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="docket")
def cli() -> None:
    """docket turns reports about human-rights abuses into a sourced, searchable record.

    Every incident, statement, date and entity it finds links back to the exact span of the
    document that claims it. Start with `docket build PATH`, then `docket export`, `docket stats`
    or `docket report`; `docket eval NAME` measures accuracy on a public gold dataset.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to build into.")
@click.option("--report", "report_path", default=None, help="HTML report to write [default: DB-report.html].")
@click.option("--no-report", is_flag=True, help="Do not write the HTML report.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="NLP processes [default: up to 2].")
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=DEFAULT_SETTINGS.max_bytes,
    show_default=True,
    help="Reject files (and JSONL records) larger than this.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary; rejections still print.")
def build(
    paths: tuple[str, ...],
    db: str,
    report_path: str | None,
    no_report: bool,
    workers: int | None,
    max_bytes: int,
    quiet: bool,
) -> None:
    """Read reports from PATHS (files or directories) into the record in --db.

    Reads .txt (scraped text), .html/.htm (article extraction) and .jsonl (one report per line:
    {"id", "text" or "html", "title", "published", "url", "outlet", "author"}). Documents already
    in the database are skipped, so a re-run, or a run after an interrupted one, only does what is
    left. A file that cannot be read is named on stderr with the reason and the build goes on; the
    exit status is then 1.
    """
    from docket.build import build as run_build
    from docket.store import open_store

    settings = DEFAULT_SETTINGS.with_(max_bytes=max_bytes)
    show = not quiet and sys.stderr.isatty()
    bar = tqdm(total=0, unit="doc", desc="building", disable=not show, file=sys.stderr)

    def on_start(n: int) -> None:
        bar.reset(total=n)

    with open_store(db) as store:
        summary = run_build(
            paths,
            store,
            settings,
            workers=workers,
            on_reject=lambda r: click.echo(f"rejected: {r.ref}: {r.reason}", err=True),
            on_start=on_start,
            on_done=lambda: bar.update(1),
        )
        bar.close()
        added, skipped, rejected = summary.added, summary.skipped, summary.rejected
        report = None
        if not no_report:
            from docket.export.report import write_report

            report = write_report(store, Path(report_path or _default_report(db)))
        if not quiet:
            _print_summary(store, db, report, added, skipped, rejected)
    if rejected:
        sys.exit(1)


def _print_summary(
    store: Store, db: str, report: Path | None, added: int, skipped: int, rejected: list[Rejection]
) -> None:
    from docket.export.report import stats

    s = stats(store)
    echo = click.echo
    echo(f"documents: {s['documents']} in the record ({added} added, {skipped} already there)")
    by_type = Counter(s["incidents_by_type"])
    echo(f"incidents: {sum(by_type.values())}" + (f" ({_counts(by_type)})" if by_type else ""))
    echo(f"statements: {s['statements']} by {s['speakers']} speakers")
    top = ", ".join(f"{name} ({n})" for name, _type, n in s["top_entities"][:8])
    echo(f"top entities: {top or 'none'}")
    echo(f"rejected this run: {len(rejected)}" + "".join(f"\n  {r.ref}: {r.reason}" for r in rejected))
    echo(f"database: {Path(db).resolve()}")
    if report:
        echo(f"report: {report.resolve()}")


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "ftm"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the data contract; csv: one row per event, ACLED-style columns; "
    "ftm: FollowTheMoney entities for Aleph.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default="-", help="File to write [default: stdout]."
)
def export(db: str, fmt: str, output: str) -> None:
    """Write the record: the data contract (docs/export.md, one JSON object per line), or its events.

    --format csv writes one row per event (reports of one event from many documents joined) with
    ACLED's columns (event_date, time_precision, event_type, actor1, actor2, country, location,
    source, notes, fatalities: the most conservative figure) and docket's own (figure views,
    reports, outlets, contradictions). --format ftm writes FollowTheMoney entities (Article,
    Person, Organization, Address, Event) as JSON lines that Aleph loads. docs/export.md describes
    each. The output is deterministic: two builds of the same corpus export byte-identical files.
    """
    from docket.store import open_store

    _require_db(db)
    with open_store(db) as store:
        if output == "-":
            counts = _export(store, fmt, sys.stdout)
        else:
            # The csv module writes its own line ends; the JSON formats write "\n".
            with open(output, "w", encoding="utf-8", newline="" if fmt == "csv" else "\n") as out:
                counts = _export(store, fmt, out)
    click.echo("exported " + _counts(Counter(counts)), err=True)


def _export(store: Store, fmt: str, out: TextIO) -> Mapping[str, int]:
    if fmt == "jsonl":
        from docket.export.jsonl import export_jsonl

        return export_jsonl(store, out)
    from docket.export.eventview import load_events

    events = load_events(store)
    if fmt == "csv":
        from docket.export.csv import write_csv

        return {"event": write_csv(events.events, out)}
    from docket.export.ftm import export_ftm

    return export_ftm(events, out)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
def stats(db: str) -> None:
    """Print counts: documents, rejections, incidents by type, statements, top entities."""
    from docket.export.report import stats as compute
    from docket.store import open_store

    _require_db(db)
    with open_store(db) as store:
        s = compute(store)
    click.echo(f"documents: {s['documents']}")
    click.echo(f"rejected: {s['rejected']}")
    click.echo(f"incidents: {sum(s['incidents_by_type'].values())}")
    for t, n in sorted(s["incidents_by_type"].items(), key=lambda kv: (-kv[1], kv[0])):
        click.echo(f"  {t}: {n}")
    click.echo(f"statements: {s['statements']} by {s['speakers']} speakers")
    click.echo(f"entities: {s['entities']}")
    for name, etype, n in s["top_entities"][:15]:
        click.echo(f"  {name} ({etype}): {n} mentions")


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option("-o", "--output", default=None, help="HTML file to write [default: DB-report.html].")
def report(db: str, output: str | None) -> None:
    """Write one self-contained HTML report: incidents by type and year, each with its evidence
    highlighted and its source, and statements by speaker."""
    from docket.export.report import write_report
    from docket.store import open_store

    _require_db(db)
    with open_store(db) as store:
        path = write_report(store, Path(output or _default_report(db)))
    click.echo(f"report: {path.resolve()}")


def _partial_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from docket.export.timeline_text import is_partial_date

    if value is not None and not is_partial_date(value):
        raise click.BadParameter(f"{value!r} is not a date such as 1988, 2019-11 or 2019-11-16")
    return value


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to read.")
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    help="Only events of this incident type (killing, execution, arrest, protest, ...); repeatable.",
)
@click.option("--since", callback=_partial_date, metavar="DATE", help="Only events that reach DATE or later.")
@click.option("--until", callback=_partial_date, metavar="DATE", help="Only events that begin by DATE.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "svg"]),
    default="text",
    show_default=True,
    help="text: a table; json: the same as data; svg: the chart of the HTML report.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default="-", help="File to write [default: stdout]."
)
def timeline(
    db: str, types: tuple[str, ...], since: str | None, until: str | None, fmt: str, output: str
) -> None:
    """Print the events of the record by date: reports of one event from many documents are joined.

    Each event shows its date as precisely as the reports know it (1988 for a year, 2019-11 for a
    month, 1980s for a decade), its type, place, number of reports and outlets, and its best figure
    (the middle one reported) with who claims it. Undated events come last, apart. DATE is 1988,
    2019-11 or 2019-11-16; a date is a stretch of time, so an event of 1988 is within --since
    1988-07. With --since or --until, undated events are left out.
    """
    from docket.export.eventview import load_events, timeline_events
    from docket.export.timeline import timeline_svg
    from docket.export.timeline_text import select, timeline_json, timeline_text
    from docket.store import open_store
    from docket.taxonomy import INCIDENT_TYPES

    unknown = sorted(set(types) - set(INCIDENT_TYPES))
    if unknown:
        raise click.BadParameter(
            f"unknown type {', '.join(unknown)}; one of: {', '.join(INCIDENT_TYPES)}", param_hint="--type"
        )
    _require_db(db)
    with open_store(db) as store:
        events = select(timeline_events(load_events(store).events), types, since, until)
    if fmt == "svg":
        text = timeline_svg(events) + "\n"
    else:
        text = timeline_json(events) if fmt == "json" else timeline_text(events)
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"timeline: {Path(output).resolve()}", err=True)


@cli.command("eval")
@click.argument("name")
@click.option("--split", default="dev", show_default=True, help="Which split of the dataset to score.")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The dataset's folder [default: ../shared/eval/NAME].")  # fmt: skip
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N documents.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="NLP processes [default: up to 2].")
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the figures as JSON.",
)
def eval_command(
    name: str, split: str, data: Path | None, limit: int | None, workers: int | None, json_out: str | None
) -> None:
    """Score docket on the gold dataset NAME with the dataset's own metrics, beside its baselines.

    NAME is one of: hrdsattack, polnear, tempeval3, meantime, conllpp, muc4, wikievents,
    meantime-crossdoc (cross-document coreference; its data is ../shared/eval/meantime). The documents
    go through the same build users run; docs/accuracy.md explains each mapping and metric.
    """
    import json

    from docket.eval import evaluate

    report = evaluate(name, split=split, data=data, limit=limit, workers=workers)
    click.echo(f"{report.dataset} ({report.split}): {report.documents} documents, {report.seconds:.0f} s")
    width = max((len(m.name) for m in report.metrics), default=10)
    for m in report.metrics:
        line = f"  {m.name:<{width}}  {m.value:6.2f}"
        if m.baseline is not None:
            line += f"   {m.baseline_name or 'baseline'}: {m.baseline:6.2f}"
        if m.support is not None:
            line += f"   (n={m.support})"
        click.echo(line)
    for note in report.notes:
        click.echo(f"  note: {note}")
    if json_out:
        Path(json_out).write_text(
            json.dumps(report.as_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database to serve.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Any but loopback needs an admin user (and a TLS proxy in front).",
)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(db: str, host: str, port: int) -> None:
    """Serve the record as a web app: dashboard, search, incidents, entities, and documents with every
    extraction highlighted; a JSON API under /api (OpenAPI at /api/openapi.json).

    On 127.0.0.1 with no users, anyone on this machine may read (nothing can be changed); once a user
    exists, or on any other address, every page needs a login (`docket user add`). Serving on another
    address is refused while no admin user exists.
    """
    from docket.serve.server import run

    _require_db(db)
    run(db, host, port, DEFAULT_SETTINGS)


@cli.group()
def user() -> None:
    """Manage the web app's users. Roles: viewer (reads the record), analyst (also reviews it),
    admin (also restricts documents, reads restricted ones and the audit log)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may do.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database holding the users.")
def user_add(name: str, role: str, password_stdin: bool, db: str) -> None:
    """Add user NAME with a password typed at a prompt (or read with --password-stdin)."""
    from docket.serve.auth import hash_password
    from docket.store import open_store

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    hashed = hash_password(password, DEFAULT_SETTINGS)
    with open_store(db) as store:
        store.users.add(name, role, hashed)
    click.echo(f"added user {name} ({role})")


@user.command("remove")
@click.argument("name")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database holding the users.")
def user_remove(name: str, db: str) -> None:
    """Remove user NAME and end their sessions (their decisions stay in the audit log)."""
    from docket.store import open_store

    _require_db(db)
    with open_store(db) as store:
        if not store.users.remove(name):
            raise AccessError(f"no user {name!r} in {db}")
    click.echo(f"removed user {name}")


@user.command("list")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite database holding the users.")
def user_list(db: str) -> None:
    """List the users: name, role, when added (UTC)."""
    from docket.store import open_store

    _require_db(db)
    with open_store(db) as store:
        for u in store.users.list():
            click.echo(f"{u.name}\t{u.role}\t{u.created}")


def _require_db(db: str) -> None:
    if not Path(db).is_file():
        raise click.UsageError(f"no database at {db}; build one first with `docket build PATH --db {db}`")


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except DocketError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(exit_code(e))
