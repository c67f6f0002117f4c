"""The static server the end-to-end tests use: Python's http.server over target/e2e, adding the strict
Content-Security-Policy that a careful news site sends to every page under /news-site/, and CORS headers so a
bundle can be read from another origin."""

import functools
import http.server
import sys

CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'"


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        if self.path.startswith("/news-site/"):
            self.send_header("Content-Security-Policy", CSP)
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port, root = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=root))
    server.serve_forever()
