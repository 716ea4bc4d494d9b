"""workerkit: the job-processing core of a batch inference service.

Jobs and their dead letter queue live in sqlite3 (`database`), completion is announced by
webhook (`webhooks`), the service exports metrics (`metrics`), benchmark definitions are loaded
from JSON (`benchmarks`) and finished batches go to result handlers (`result_handlers`).
`worker` runs a chunk of requests through an inference engine.
"""

__version__ = "0.4.0"
