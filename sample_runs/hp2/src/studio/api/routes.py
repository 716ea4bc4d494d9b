"""The API's endpoints: models, datasets, training templates."""

from __future__ import annotations

from studio.api.app import Request, Response, error, page, route
from studio.schemas import DatasetCreate, ModelCreate, TemplateCreate
from studio.services.dataset_service import DatasetService
from studio.services.model_service import ModelService
from studio.services.training_template_service import TrainingTemplateService
from studio.workers import queue


@route("GET", "/api/v1/models")
def list_models(session, request: Request) -> Response:
    skip, limit = request.int_arg("skip", 0), request.int_arg("limit", 20)
    items, total = ModelService.list_models(
        session, skip=skip, limit=limit, search=request.query.get("search"),
        status=request.query.get("status"), sort_by=request.query.get("sort_by", "created_at"),
        order=request.query.get("order", "desc"),
    )  # fmt: skip
    return Response(200, page(items, total, skip, limit))


@route("POST", "/api/v1/models")
def create_model(session, request: Request) -> Response:
    data = request.json()
    existing = ModelService.get_model_by_repo(session, data.get("repo_id", ""))
    if existing is not None:
        return error(409, "exists", f"{existing['repo_id']} is registered as {existing['id']}")
    row = ModelService.create_model(session, ModelCreate(**data))
    queue.enqueue("download_model", {"model_id": row["id"]})
    return Response(201, row)


@route("GET", "/api/v1/models/{model_id}")
def get_model(session, request: Request, model_id: str) -> Response:
    row = ModelService.get_model(session, model_id)
    if row is None:
        raise KeyError(model_id)
    return Response(200, dict(row, memory_gb=ModelService.estimate_memory_gb(row)))


@route("PATCH", "/api/v1/models/{model_id}")
def update_model(session, request: Request, model_id: str) -> Response:
    row = ModelService.update_model(session, model_id, request.json())
    if row is None:
        raise KeyError(model_id)
    return Response(200, row)


@route("POST", "/api/v1/models/{model_id}/retry")
def retry_model(session, request: Request, model_id: str) -> Response:
    row = ModelService.retry_download(session, model_id)
    if row is None:
        raise KeyError(model_id)
    queue.enqueue("download_model", {"model_id": model_id})
    return Response(202, row)


@route("DELETE", "/api/v1/models/{model_id}")
def delete_model(session, request: Request, model_id: str) -> Response:
    if not ModelService.delete_model(session, model_id):
        raise KeyError(model_id)
    return Response(204)


@route("GET", "/api/v1/datasets")
def list_datasets(session, request: Request) -> Response:
    skip, limit = request.int_arg("skip", 0), request.int_arg("limit", 20)
    items, total = DatasetService.list_datasets(
        session, skip=skip, limit=limit, search=request.query.get("search"),
        status=request.query.get("status"), sort_by=request.query.get("sort_by", "created_at"),
        order=request.query.get("order", "desc"),
    )  # fmt: skip
    return Response(200, page(items, total, skip, limit))


@route("POST", "/api/v1/datasets")
def create_dataset(session, request: Request) -> Response:
    row = DatasetService.create_dataset(session, DatasetCreate(**request.json()))
    queue.enqueue("download_dataset", {"dataset_id": row["id"]})
    return Response(201, row)


@route("GET", "/api/v1/datasets/{dataset_id}")
def get_dataset(session, request: Request, dataset_id: str) -> Response:
    row = DatasetService.get_dataset(session, dataset_id)
    if row is None:
        raise KeyError(dataset_id)
    return Response(200, dict(row, tokens_per_sample=DatasetService.tokens_per_sample(row)))


@route("DELETE", "/api/v1/datasets/{dataset_id}")
def delete_dataset(session, request: Request, dataset_id: str) -> Response:
    if not DatasetService.delete_dataset(session, dataset_id):
        raise KeyError(dataset_id)
    return Response(204)


@route("GET", "/api/v1/templates")
def list_templates(session, request: Request) -> Response:
    skip, limit = request.int_arg("skip", 0), request.int_arg("limit", 20)
    items, total = TrainingTemplateService.list_templates(
        session, skip=skip, limit=limit, favorites_only=request.query.get("favorites") == "true",
        model_id=request.query.get("model_id"),
    )  # fmt: skip
    return Response(200, page(items, total, skip, limit))


@route("POST", "/api/v1/templates")
def create_template(session, request: Request) -> Response:
    row = TrainingTemplateService.create_template(session, TemplateCreate(**request.json()))
    return Response(201, row)


@route("POST", "/api/v1/templates/{template_id}/duplicate")
def duplicate_template(session, request: Request, template_id: str) -> Response:
    name = request.json().get("name")
    if not name:
        return error(422, "invalid", "name: required", "name")
    row = TrainingTemplateService.duplicate_template(session, template_id, name)
    if row is None:
        raise KeyError(template_id)
    return Response(201, row)


@route("POST", "/api/v1/templates/{template_id}/favorite")
def toggle_favorite(session, request: Request, template_id: str) -> Response:
    row = TrainingTemplateService.toggle_favorite(session, template_id)
    if row is None:
        raise KeyError(template_id)
    return Response(200, row)


@route("POST", "/api/v1/templates/{template_id}/train")
def start_training(session, request: Request, template_id: str) -> Response:
    config = TrainingTemplateService.training_config(session, template_id)
    task = queue.enqueue("train", {"template_id": template_id, "config": config}, queue="gpu")
    return Response(202, {"queued": task.name, "queue": task.queue, "config": config})


@route("GET", "/api/v1/templates/{template_id}/export")
def export_template(session, request: Request, template_id: str) -> Response:
    row = TrainingTemplateService.get_template(session, template_id)
    if row is None:
        raise KeyError(template_id)
    response = Response(200, None, {"Content-Type": "application/json"})
    response.body = TrainingTemplateService.export_json(row)
    return response


@route("GET", "/api/v1/health")
def health(session, request: Request) -> Response:
    counts = ModelService.count_by_status(session)
    queued = {name: len(tasks) for name, tasks in queue.QUEUES.items()}
    return Response(200, {"status": "ok", "models_ready": counts["ready"], "queued": queued})
