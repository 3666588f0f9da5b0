#!/usr/bin/env python3
"""A minimal LSP client for testing dbleak-clangd (python3 standard library only).

Usage:
  lsp_client.py [options] FILE -- SERVER [SERVER-ARGS...]

Starts SERVER, initializes it, opens FILE, waits for the diagnostics the server
publishes for FILE, optionally asks for the code actions of every dbleak-*
clang-tidy diagnostic, prints everything as canonical JSON (sorted keys, one
field per line, so FileCheck can match lines), then shuts the server down.

The output is one JSON object:
  {"codeActions": [...], "diagnostics": [...], "serverExitCode": 0}
Diagnostics are sorted by position. Every file URI under the directory of FILE
is rewritten to start with "file://$ROOT/" so tests need not match temp paths.

Exit status: 0 on success; 1 if the server died, did not answer in time, or
exited with a non-zero status; 2 on a usage error.
"""

import argparse
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request


class LspError(Exception):
    pass


def die(msg):
    print(f"lsp_client: error: {msg}", file=sys.stderr)
    sys.exit(1)


def describe_status(status):
    if status is not None and status < 0:
        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    return f"status {status}"


def path_to_uri(path):
    return urllib.parse.urljoin("file:", urllib.request.pathname2url(path))


class Server:
    """A language server process spoken to over stdio with JSON-RPC."""

    def __init__(self, argv, cwd, verbose=False):
        self.verbose = verbose
        try:
            self.proc = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd)
        except OSError as e:
            die(f"cannot start server {argv[0]!r}: {e}")
        self.next_id = 1
        self.messages = queue.Queue()
        self.reader = threading.Thread(target=self._read_loop, daemon=True)
        self.reader.start()

    # -- framing -----------------------------------------------------------

    def _read_loop(self):
        """Reads Content-Length framed messages; None on EOF or bad framing."""
        stream = self.proc.stdout
        try:
            while True:
                headers = {}
                while True:
                    line = stream.readline()
                    if not line:
                        self.messages.put(None)
                        return
                    line = line.rstrip(b"\r\n")
                    if not line:
                        break
                    name, sep, value = line.decode("ascii", "replace").partition(":")
                    if not sep:
                        raise LspError(f"malformed header line {line!r}")
                    headers[name.strip().lower()] = value.strip()
                if "content-length" not in headers:
                    raise LspError(f"message without Content-Length: {headers}")
                length = int(headers["content-length"])
                body = b""
                while len(body) < length:
                    chunk = stream.read(length - len(body))
                    if not chunk:
                        raise LspError("EOF inside a message body")
                    body += chunk
                msg = json.loads(body.decode("utf-8"))
                if self.verbose:
                    print(f"<-- {json.dumps(msg)[:2000]}", file=sys.stderr)
                self.messages.put(msg)
        except (LspError, ValueError) as e:
            self.messages.put(LspError(f"bad message from server: {e}"))

    def _send(self, msg):
        msg["jsonrpc"] = "2.0"
        body = json.dumps(msg).encode("utf-8")
        if self.verbose:
            print(f"--> {json.dumps(msg)[:2000]}", file=sys.stderr)
        try:
            self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise LspError(f"server closed its input ({e}); "
                           f"{describe_status(self.proc.poll())}")

    # -- messages ----------------------------------------------------------

    def notify(self, method, params):
        self._send({"method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self._send({"id": rid, "method": method, "params": params})
        return rid

    def receive(self, deadline, what):
        """Next message that is not a server->client request; answers those."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LspError(f"timed out waiting for {what}")
            try:
                msg = self.messages.get(timeout=left)
            except queue.Empty:
                raise LspError(f"timed out waiting for {what}")
            if msg is None:
                status = self.proc.wait()
                raise LspError(f"server exited ({describe_status(status)}) "
                               f"while waiting for {what}")
            if isinstance(msg, Exception):
                raise msg
            if "method" in msg and "id" in msg:
                # window/workDoneProgress/create, workspace/configuration,
                # client/registerCapability, ...: accept and carry on.
                self._send({"id": msg["id"], "result": None})
                continue
            return msg

    def wait_response(self, rid, deadline, what):
        while True:
            msg = self.receive(deadline, what)
            if msg.get("id") == rid and "method" not in msg:
                if "error" in msg:
                    raise LspError(f"{what} failed: {json.dumps(msg['error'])}")
                return msg.get("result")
            self.on_notification(msg)

    def on_notification(self, msg):
        if msg.get("method") == "window/showMessage":
            print(f"lsp_client: server says: {msg['params'].get('message')}",
                  file=sys.stderr)


CAPABILITIES = {
    "textDocument": {
        "publishDiagnostics": {
            # Without this clangd folds notes into the message text.
            "relatedInformation": True,
            "versionSupport": True,
        },
        "codeAction": {
            # Without this clangd answers with bare Commands.
            "codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["", "quickfix", "refactor",
                                                "refactor.extract",
                                                "refactor.inline",
                                                "refactor.rewrite", "source"]}
            },
            "isPreferredSupport": True,
        },
        "synchronization": {"didSave": True},
    },
    "workspace": {"workspaceFolders": True, "applyEdit": False},
    "general": {"positionEncodings": ["utf-16"]},
}


def rewrite_uris(value, root_uri):
    """Replaces the root directory's URI prefix by file://$ROOT everywhere."""
    prefix = root_uri.rstrip("/") + "/"
    if isinstance(value, str):
        return "file://$ROOT/" + value[len(prefix):] if value.startswith(prefix) else value
    if isinstance(value, list):
        return [rewrite_uris(v, root_uri) for v in value]
    if isinstance(value, dict):
        return {rewrite_uris(k, root_uri): rewrite_uris(v, root_uri)
                for k, v in value.items()}
    return value


def position_key(diag):
    start = diag.get("range", {}).get("start", {})
    return (start.get("line", 0), start.get("character", 0),
            str(diag.get("code", "")), diag.get("message", ""))


def is_dbleak(diag):
    return (diag.get("source") == "clang-tidy"
            and str(diag.get("code", "")).startswith("dbleak-"))


def wait_diagnostics(server, uri, version, deadline):
    """The diagnostics clangd publishes for `uri` at `version`."""
    while True:
        msg = server.receive(deadline, f"diagnostics for {uri}")
        params = msg.get("params") or {}
        if (msg.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version", version) >= version):
            return params.get("diagnostics", [])
        server.on_notification(msg)


def summary_line(version, name, diagnostics):
    """'v3 fixed.c: dbleak-leak@4:19 ...' (1-based line:column) or '(none)'."""
    items = []
    for d in diagnostics:
        start = d["range"]["start"]
        items.append(f"{d.get('code', d.get('source', '?'))}"
                     f"@{start['line'] + 1}:{start['character'] + 1}")
    return f"v{version} {name}: {' '.join(items) or '(none)'}"


def run(args):
    path = os.path.abspath(args.file)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        die(f"cannot read {path}: {e}")
    root = os.path.abspath(args.root or os.path.dirname(path))
    root_uri = path_to_uri(root)
    uri = path_to_uri(path)
    language = args.language or ("c" if path.endswith((".c", ".h")) else "cpp")

    capabilities = json.loads(json.dumps(CAPABILITIES))
    if args.no_related_information:
        # As Eglot does: clangd then appends the notes to the message text.
        capabilities["textDocument"]["publishDiagnostics"]["relatedInformation"] = False
    server = Server(args.server, cwd=root, verbose=args.verbose)
    deadline = time.monotonic() + args.timeout
    result = {}
    try:
        rid = server.request("initialize", {
            "processId": os.getpid(),
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "root"}],
            "capabilities": capabilities,
            "initializationOptions": {},
        })
        server.wait_response(rid, deadline, "the initialize response")
        server.notify("initialized", {})
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": 1, "text": text}})

        started = time.monotonic()
        diagnostics = wait_diagnostics(server, uri, 1, deadline)
        elapsed = time.monotonic() - started

        # Re-parses as in an editor while typing: a change that keeps the
        # preamble (whitespace at the end), then the time to fresh diagnostics.
        reparse = []
        for version in range(2, args.reparse + 2):
            started = time.monotonic()
            server.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text + "\n" * (version - 1)}]})
            wait_diagnostics(server, uri, version, deadline)
            reparse.append(time.monotonic() - started)
        diagnostics.sort(key=position_key)
        result["diagnostics"] = diagnostics

        # Edits: replace the whole text by each --edit file in turn, --rounds
        # times, and record what is published for every version.
        version = args.reparse + 1
        edits = []
        for _ in range(args.rounds if args.edit else 0):
            for name, new_text in args.edit:
                version += 1
                server.notify("textDocument/didChange", {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": new_text}]})
                got = wait_diagnostics(server, uri, version, deadline)
                edits.append({"file": name, "version": version,
                              "diagnostics": sorted(got, key=position_key)})
        if args.edit:
            result["edits"] = edits

        if args.code_actions:
            actions = []
            for diag in filter(is_dbleak, diagnostics):
                rid = server.request("textDocument/codeAction", {
                    "textDocument": {"uri": uri},
                    "range": diag["range"],
                    "context": {"diagnostics": [diag], "only": ["quickfix"]},
                })
                got = server.wait_response(rid, deadline, "code actions") or []
                actions.extend(got)
            result["codeActions"] = actions

        rid = server.request("shutdown", None)
        server.wait_response(rid, deadline, "the shutdown response")
        server.notify("exit", None)
    except LspError as e:
        if server.proc.poll() is None:
            server.proc.kill()
        server.proc.wait()
        die(str(e))

    try:
        status = server.proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()
        die("server did not exit after shutdown/exit")
    result["serverExitCode"] = status

    if args.time:
        print(f"lsp_client: diagnostics after {elapsed:.3f} s"
              + "".join(f", {t:.3f} s" for t in reparse), file=sys.stderr)
    if args.summary:
        print(summary_line(1, os.path.basename(path), result["diagnostics"]))
        for e in result.get("edits", []):
            print(summary_line(e["version"], e["file"], e["diagnostics"]))
        print(f"server exit: {status}")
    elif args.time_only:
        print(json.dumps({"open": elapsed, "reparse": reparse,
                          "diagnostics": len(diagnostics),
                          "dbleakDiagnostics": sum(map(is_dbleak, diagnostics))}))
    else:
        print(json.dumps(rewrite_uris(result, root_uri), indent=2, sort_keys=True))
    if status != 0:
        die(f"server exited with {describe_status(status)}")
    return 0


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        print("lsp_client: error: missing '--' before the server command",
              file=sys.stderr)
        return 2
    split = argv.index("--")
    parser = argparse.ArgumentParser(
        description="Minimal LSP client for dbleak-clangd tests.",
        usage="%(prog)s [options] FILE -- SERVER [SERVER-ARGS...]")
    parser.add_argument("file", help="the C or C++ file to open")
    parser.add_argument("--language", choices=["c", "cpp"],
                        help="languageId (default: from the file extension)")
    parser.add_argument("--root", help="workspace root (default: FILE's directory)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds for the whole session (default 60)")
    parser.add_argument("--code-actions", action="store_true",
                        help="request quick fixes for every dbleak-* diagnostic")
    parser.add_argument("--no-related-information", action="store_true",
                        help="do not announce publishDiagnostics."
                        "relatedInformation (clangd then puts notes in the "
                        "message)")
    parser.add_argument("--reparse", type=int, default=0, metavar="N",
                        help="after the first diagnostics, change the file N "
                        "times (whitespace) and wait for diagnostics each time")
    parser.add_argument("--edit", action="append", default=[], metavar="FILE",
                        help="after opening, replace the document's text by "
                        "FILE's (repeatable; applied in order)")
    parser.add_argument("--rounds", type=int, default=1, metavar="N",
                        help="apply the --edit sequence N times (default 1)")
    parser.add_argument("--summary", action="store_true",
                        help="print one line per published version instead "
                        "of JSON: 'vN FILE: code@line:col ...'")
    parser.add_argument("--time", action="store_true",
                        help="report on stderr how long the diagnostics took")
    parser.add_argument("--time-only", action="store_true",
                        help="print only timings as JSON: seconds from didOpen "
                        "to diagnostics ('open'), of each re-parse ('reparse')")
    parser.add_argument("--verbose", action="store_true",
                        help="trace the JSON-RPC traffic on stderr")
    args = parser.parse_args(argv[:split])
    args.server = argv[split + 1:]
    edits = []
    for name in args.edit:
        try:
            with open(name, encoding="utf-8") as f:
                edits.append((os.path.basename(name), f.read()))
        except OSError as e:
            die(f"cannot read {name}: {e}")
    args.edit = edits
    if not args.server:
        parser.error("no server command after '--'")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
