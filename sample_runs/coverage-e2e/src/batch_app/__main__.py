"""Run the API: ``python -m batch_app --port 8080`` (``--port 0`` picks a free port).

The first line on stdout is ``listening on http://HOST:PORT``, once the socket is bound.
SIGTERM and SIGINT stop the server and let the process exit normally (atexit handlers run).
"""

from __future__ import annotations

import argparse
import signal
import threading

from batch_app import logging_config
from batch_app.api_server import make_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="batch_app")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)

    logging_config.configure(args.log_level)
    server = make_server(args.host, args.port)

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"listening on {server.base_url}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
