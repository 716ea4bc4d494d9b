"""Run the server: ``python -m inference_server --port 8000``."""

from __future__ import annotations

import argparse
import signal
import threading

from inference_server.server import DEFAULT_MODEL, make_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="inference_server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--cache-dir", default=None)
    args = parser.parse_args(argv)

    server = make_server(args.host, args.port, model=args.model, cache_dir=args.cache_dir)

    def _graceful(signum, frame):
        # shutdown() blocks until serve_forever returns, so call it from another thread
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, _graceful)
    signal.signal(signal.SIGINT, _graceful)
    print(f"serving {args.model} on {server.base_url}", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
