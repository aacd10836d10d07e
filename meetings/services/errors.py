class MeetingError(Exception):
    """A change the meeting's state does not allow (moving a cancelled one, answering one that is over)."""
