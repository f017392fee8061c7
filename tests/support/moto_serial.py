"""moto's S3 server handling one request at a time.

moto_server serves requests on many threads, and its S3 backend checks `If-None-Match: *` and stores the
object in separate steps, so two concurrent conditional creates of one key can both succeed. Serving
requests one at a time makes the check and the write atomic, as S3's conditional writes are.
Usage: python moto_serial.py HOST PORT
"""
import signal
import sys

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import run_simple


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    app = DomainDispatcherApplication(create_backend_app)
    run_simple(host, port, app, threaded=False, processes=1)


if __name__ == "__main__":
    main()
