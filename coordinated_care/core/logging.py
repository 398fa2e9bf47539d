"""Log lines as JSON, one object a line, for production's log collectors (docs/deployment.md)."""

import json
import logging

# What a LogRecord carries of its own; anything else was passed as `extra` and is kept.
_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({key: value for key, value in vars(record).items() if key not in _RECORD_FIELDS})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class WithholdPaths(logging.Filter):
    """Django's request loggers name the path ("Not Found: /feedback/<token>/"): the path is left
    out, and the request log line of the same request names the URL pattern instead."""

    def filter(self, record):
        # Django passes the path as a positional argument of the message ("Not Found: %s").
        if isinstance(record.args, tuple):
            record.args = tuple(
                "(path withheld)" if isinstance(arg, str) and arg.startswith("/") else arg for arg in record.args
            )
        record.__dict__.pop("request", None)
        return True
