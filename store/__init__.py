"""The shared store: organisations, people, placements, submissions and training progress.

    from omt.store import open_store
    store = open_store()            # --store, OMT_STORE or the default, see omt.config
    store.submit("FR-VN-01", "meeting_log", {...}, author_id="P-FR-M1", role="mentor")
"""

from omt.store.models import Activity, Attempt, Draft, DraftKey, Organisation, Person, Placement, Submission
from omt.store.store import Store, open_store

__all__ = ["Activity", "Attempt", "Draft", "DraftKey", "Organisation", "Person", "Placement", "Store", "Submission",
           "open_store"]
