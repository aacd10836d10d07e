"""Keeps sole traders' personnummer out of the logs (see LOGGING in settings).

A personnummer reaches a log line through a URL (a dashboard search for the full number in the
access log) or an error message; the filter masks it in the finished line, whatever logger wrote it.
"""

import logging

from companies.orgnr import mask_personnummer_in


class MaskPersonnummer(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personnummer_in(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
