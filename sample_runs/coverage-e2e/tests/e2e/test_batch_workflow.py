"""The batch workflow end to end, against the server running in its own process."""

import json


def request_line(custom_id, text):
    body = {"model": "echo", "messages": [{"role": "user", "content": text}]}
    return json.dumps({"custom_id": custom_id, "method": "POST", "url": "/v1/chat/completions",
                       "body": body})


LINES = [request_line("req-1", "Hello"), request_line("req-2", "Name a colour"),
         request_line("req-3", "Count to three")]


def test_health_check(api):
    assert api.get_json("/health") == (200, {"status": "ok"})


def test_upload_input_file(api):
    uploaded = api.upload(LINES)
    assert uploaded["id"].startswith("file-")
    assert (uploaded["purpose"], uploaded["lines"]) == ("batch", 3)
    assert uploaded["bytes"] == len("".join(line + "\n" for line in LINES).encode())


def test_batch_runs_to_completion(api):
    file_id = api.upload(LINES)["id"]
    status, batch = api.post_json("/v1/batches", {"input_file_id": file_id})
    assert status == 200
    assert batch["status"] == "completed"
    assert batch["request_counts"] == {"total": 3, "completed": 3, "failed": 0}
    assert api.get_json(f"/v1/batches/{batch['id']}") == (200, batch)


def test_batch_output_answers_every_request(api):
    file_id = api.upload(LINES)["id"]
    _, batch = api.post_json("/v1/batches", {"input_file_id": file_id})
    status, headers, body = api.call("GET", f"/v1/batches/{batch['id']}/output")
    assert (status, headers["Content-Type"]) == (200, "application/jsonl")
    rows = [json.loads(line) for line in body.decode().splitlines()]
    answers = {row["custom_id"]: row["response"]["choices"][0]["message"]["content"]
               for row in rows}
    assert answers == {"req-1": "echo: Hello", "req-2": "echo: Name a colour",
                       "req-3": "echo: Count to three"}


def test_malformed_lines_are_failed_not_fatal(api):
    file_id = api.upload([LINES[0], '{"custom_id": "req-2", "body": ', LINES[2]])["id"]
    _, batch = api.post_json("/v1/batches", {"input_file_id": file_id})
    assert batch["request_counts"] == {"total": 3, "completed": 2, "failed": 1}
    status, _, body = api.call("GET", f"/v1/batches/{batch['id']}/errors")
    errors = [json.loads(line) for line in body.decode().splitlines()]
    assert status == 200
    assert [error["line"] for error in errors] == [2]
    assert errors[0]["error"].startswith("JSONDecodeError: ")
