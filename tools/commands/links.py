"""`omt links issue|revoke|list`: personal access links to the forms, the needs survey and the board.

A link's key is printed once, when it is issued, and stored only as a hash: lose it and issue a
new link. See `omt.store.links`.
"""

from __future__ import annotations

import argparse
import datetime as dt

from omt.errors import ValidationError
from omt.store import Person, Store
from omt.store.links import DEFAULT_DAYS, access_links, issue_link, revoke_key, revoke_person, utc_now
from omt.widgets.forms.activities import STAFF_ROLES
from omt.widgets.forms.app import forms_of
from omt.widgets.survey.app import survey_form_for

DEFAULT_BASE_URL = "http://127.0.0.1:8866/"
BOARD = "board"
JOB_SHADOWING = "job_shadowing"


def register(subparsers: argparse._SubParsersAction) -> None:
    links = subparsers.add_parser(
        "links", help="issue, revoke and list personal access links to the forms",
        description="Personal access links open the forms and the board for one person of the registry, "
                    "in their own role and for their own placements. The key in a link is shown once.",
    )
    actions = links.add_subparsers(dest="action", metavar="ACTION", required=True)

    issue = actions.add_parser("issue", help="issue a link for one person and print its URLs",
                               description="Issue a new link for one person and print the URL of each "
                                           "form they fill in, of their version of the needs survey (add "
                                           "&wave=end for its second round) and of the board. Earlier links "
                                           "stay valid; revoke them with `omt links revoke --person`.")
    issue.add_argument("--person", required=True, metavar="ID", help="person id, as in `omt people list`")
    issue.add_argument("--days", type=int, default=DEFAULT_DAYS,
                       help=f"days until the link expires (default: {DEFAULT_DAYS})")
    issue.add_argument("--base-url", default=DEFAULT_BASE_URL,
                       help=f"address of the forms server as people reach it (default: {DEFAULT_BASE_URL})")
    issue.set_defaults(run=run_issue)

    revoke = actions.add_parser("revoke", help="revoke one link, or every link of a person")
    chosen = revoke.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--key", "--token", dest="key", metavar="KEY",
                        help="the key of the link, the value after key= in its URL")
    chosen.add_argument("--person", metavar="ID", help="revoke every link of this person")
    revoke.set_defaults(run=run_revoke)

    listing = actions.add_parser("list", help="list the links: person, role, created, expires, status; never the key")
    listing.set_defaults(run=run_list)


def run_issue(args: argparse.Namespace) -> int:
    store = Store(args.store)
    key, link = issue_link(store, args.person, days=args.days)
    person = store.person(args.person)
    print(f"Link for {person.name} ({person.person_id}, {person.role}), valid until "
          f"{link.expires_at.date().isoformat()}. The key is shown only now:")
    print_link_urls(person, key, store, args.base_url)
    return 0


def print_link_urls(person: Person, key: str, store: Store, base_url: str = DEFAULT_BASE_URL,
                    indent: str = "  ") -> None:
    """Print the URL of each form `person` fills in, their needs survey's, then the board's, all with `key`.

    Staff also get the job-shadowing page, which belongs to no placement. The survey's link opens
    its first round; `&wave=end` added to it opens the second.
    """
    activity_pages = [JOB_SHADOWING] if person.role in STAFF_ROLES else []
    for page in [*forms_of(person, store), *activity_pages, survey_form_for(person), BOARD]:
        print(f"{indent}{page}: {page_url(base_url, page, key)}")


def page_url(base_url: str, page: str, key: str) -> str:
    """Return the URL of a page of the forms server, such as `meeting_log`, with an access key."""
    if not base_url.startswith(("http://", "https://")):
        raise ValidationError({"base_url": f"{base_url!r} is not an http:// or https:// address; "
                                           "give one such as http://192.168.1.20:8866/"})
    return f"{base_url.rstrip('/')}/voila/render/{page}.ipynb?key={key}"


def run_revoke(args: argparse.Namespace) -> int:
    store = Store(args.store)
    if args.key:
        count = revoke_key(store, args.key)
        print("revoked 1 link" if count else "no valid link has this key; nothing revoked")
        return 0 if count else 1
    store.person(args.person)
    count = revoke_person(store, args.person)
    print(f"revoked {count} link(s) of person {args.person}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    store = Store(args.store)
    roles = {person.person_id: person.role for person in store.people()}
    now = utc_now()
    print(f"{'person':<12} {'role':<16} {'created':<17} {'expires':<17} status")
    for link in access_links(store):
        print(f"{link.person_id:<12} {roles.get(link.person_id, '(removed)'):<16} {moment(link.created_at):<17} "
              f"{moment(link.expires_at):<17} {link.status(now)}{' (' + link.label + ')' if link.label else ''}")
    return 0


def moment(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
