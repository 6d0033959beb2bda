"""A render worker: reads texts from stdin, writes their rendering to stdout.

Started by core.render_pool as `python -m core.render_worker`. Each message is a 4-byte
big-endian length and that many bytes (UTF-8 text in, JSON out); the first message out,
empty, says the worker is ready. It exits when stdin closes (the web process is gone).
"""

from __future__ import annotations

import json
import signal
import struct
import sys
import traceback
from dataclasses import asdict

HEADER = struct.Struct(">I")


def _read(stream, size: int) -> bytes | None:
    data = stream.read(size)
    return data if len(data) == size else None


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the web process
    from core.markup import render_now

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    stdout.write(HEADER.pack(0))
    stdout.flush()
    while True:
        header = _read(stdin, HEADER.size)
        if header is None:
            return
        (size,) = HEADER.unpack(header)
        text = _read(stdin, size) if size else b""
        if text is None:
            return
        try:
            answer = asdict(render_now(text.decode("utf-8", "surrogatepass")))
        except Exception:  # the web process logs it and refuses the text
            answer = {"error": traceback.format_exc(limit=5)}
        data = json.dumps(answer).encode()
        stdout.write(HEADER.pack(len(data)) + data)
        stdout.flush()


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):  # the web process went away
        sys.exit(0)
