"""The service's commands: ``affectkit serve`` and ``affectkit keys create|list|revoke``.

``serve`` runs the app with uvicorn (``--workers`` processes, each loading the models once). ``keys`` manages
the API keys in the database named by ``AFFECTKIT_DATABASE_URL`` (or ``--database-url``): a new key's token
is printed once and only its SHA-256 is stored.

Example (without a database, the parser only)::

    affectkit keys create --name my-app     # prints the token once
    affectkit serve --host 0.0.0.0 --port 8000 --workers 2
"""

from __future__ import annotations

import argparse
from typing import Any


def add_parsers(sub: Any) -> None:
    """Register ``serve`` and ``keys`` on the ``affectkit`` command's subparsers."""
    serve = sub.add_parser(
        "serve", help="run the HTTP service (needs the 'serve' extra)",
        description="Run the HTTP service on the shipped models. Settings come from AFFECTKIT_* variables (see the "
        "README's Service section); every /v1 request needs an API key from `affectkit keys create`.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes, each with its own models (default 1)")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(handler=_serve)

    keys = sub.add_parser("keys", help="create, list or revoke the service's API keys")
    keys.add_argument("--database-url", help="the service database (default: AFFECTKIT_DATABASE_URL, else "
                      "sqlite:///affectkit.db)")
    actions = keys.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="create a key and print its token (shown once)")
    create.add_argument("--name", default="default", help="a name to recognise the key by")
    actions.add_parser("list", help="list the keys (ids, names, dates; never tokens)")
    revoke = actions.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("key_id", help="the id shown by `keys list`")
    keys.set_defaults(handler=_keys)


def _serve(args: argparse.Namespace) -> int:
    from affectkit.errors import AffectkitError
    from affectkit.service import require_extra

    require_extra()
    if not 0 <= args.port <= 65535:
        raise AffectkitError("AK-E005", f"--port must be in 0..65535, got {args.port}", field="port")
    if args.workers < 1:
        raise AffectkitError("AK-E005", f"--workers must be at least 1, got {args.workers}", field="workers")
    from affectkit.service.settings import read_settings

    settings = read_settings()  # a bad AFFECTKIT_* value fails here with its code, not in every worker
    from affectkit.service.storage import Store

    Store(settings.database_url).close()  # so does a database that cannot be opened (AK-E029)
    import uvicorn

    uvicorn.run("affectkit.service.app:create_app", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level=args.log_level, proxy_headers=False)
    return 0


def _keys(args: argparse.Namespace) -> int:
    from affectkit.service import require_extra

    require_extra()
    from affectkit.service.settings import read_settings
    from affectkit.service.storage import Store

    url = args.database_url or read_settings().database_url
    store = Store(url)
    try:
        if args.action == "create":
            key, token = store.create_key(args.name)
            print(f"key {key.id} ({key.name}) created. Its token is shown only now; keep it secret:\n{token}")
        elif args.action == "list":
            for key in store.list_keys():
                state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
                print(f"{key.id}  {key.name}  created {key.created_at:%Y-%m-%d %H:%M}  {state}")
        else:
            from affectkit.errors import AffectkitError

            if not store.revoke_key(args.key_id):
                raise AffectkitError("AK-E022", f"no active key {args.key_id!r}", field="key_id")
            print(f"key {args.key_id} revoked")
    finally:
        store.close()
    return 0
