import json

import pytest

from workerkit.benchmarks import Benchmark, BenchmarkManager, RunResult, compare, parse_benchmark

SHORT_CHAT = {
    "name": "short-chat",
    "model": "gemma-3-12b",
    "prompts": ["Say hello.", "Name a colour."],
    "max_tokens": 64,
}


@pytest.fixture
def bench_dir(tmp_path):
    (tmp_path / "short-chat.json").write_text(json.dumps(SHORT_CHAT), encoding="utf-8")
    long_context = {**SHORT_CHAT, "name": "long-context", "prompts": ["x" * 4000], "max_tokens": 512}
    (tmp_path / "long-context.json").write_text(json.dumps(long_context), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a benchmark", encoding="utf-8")
    return tmp_path


def test_parse_a_definition():
    benchmark = parse_benchmark(json.dumps({**SHORT_CHAT, "description": "smoke"}))
    assert benchmark == Benchmark(
        "short-chat", "gemma-3-12b", ("Say hello.", "Name a colour."), 64, "smoke"
    )


def test_missing_field_is_named():
    text = json.dumps({key: value for key, value in SHORT_CHAT.items() if key != "model"})
    with pytest.raises(ValueError, match="short.json: benchmark is missing field 'model'"):
        parse_benchmark(text, source="short.json")


def test_invalid_json_gives_the_line():
    with pytest.raises(ValueError, match=r"benchmark is not valid JSON \(.*, line 2\)"):
        parse_benchmark('{"name": "a",\n "model": }')


def test_prompts_must_be_a_non_empty_list():
    with pytest.raises(ValueError, match="prompts must be a non-empty list of strings"):
        parse_benchmark(json.dumps({**SHORT_CHAT, "prompts": []}))


def test_max_tokens_must_be_a_positive_integer():
    with pytest.raises(ValueError, match="max_tokens must be a positive integer, got True"):
        parse_benchmark(json.dumps({**SHORT_CHAT, "max_tokens": True}))


def test_manager_lists_json_files_by_name(bench_dir):
    assert BenchmarkManager(bench_dir).names() == ["long-context", "short-chat"]


def test_manager_loads_every_definition(bench_dir):
    loaded = BenchmarkManager(bench_dir).load_all()
    assert [(b.name, b.max_tokens) for b in loaded] == [("long-context", 512), ("short-chat", 64)]


def test_manager_refuses_an_unknown_name(bench_dir):
    with pytest.raises(KeyError, match="no benchmark named 'nightly'"):
        BenchmarkManager(bench_dir).load("nightly")


def test_percentiles_interpolate_between_ranks():
    run = RunResult(latencies_s=(0.4, 0.1, 0.3, 0.2), tokens=100, wall_s=1.0)
    assert run.p50 == pytest.approx(0.25)
    assert run.p95 == pytest.approx(0.385)


def test_throughput_is_tokens_per_wall_second():
    assert RunResult(latencies_s=(1.0,), tokens=1200, wall_s=8.0).throughput == 150.0


def test_compare_gives_relative_change():
    baseline = RunResult(latencies_s=(0.2, 0.4), tokens=1000, wall_s=10.0)
    current = RunResult(latencies_s=(0.1, 0.5), tokens=1250, wall_s=10.0)
    assert compare(baseline, current) == {"throughput": 0.25, "p50": 0.0, "p95": 0.2308}
