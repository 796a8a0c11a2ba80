"""The pipeline: one document in, its records out; a failure on one document costs only that one."""

from __future__ import annotations

import pytest
from fictional import report

import docket.pipeline as pipeline
from docket.build import build
from docket.model import DocumentResult, RawDocument, Rejection
from docket.store import open_store


def test_pipeline_process_yields_every_kind_of_record(nlp):
    result = pipeline.process(RawDocument("r1.txt", "txt", report(1).encode()), nlp)
    assert isinstance(result, DocumentResult)
    assert result.entities and result.dates and result.statements and result.incidents
    assert result.document.id == RawDocument("r1.txt", "txt", report(1).encode()).sha256


def test_pipeline_bug_on_one_document_is_a_rejection_and_the_build_goes_on(tmp_path, monkeypatch):
    real = pipeline.extract_statements

    def flaky(doc, parsed, entities):
        if "Report number 1 " in doc.text:
            raise ValueError("min() arg is an empty sequence")
        return real(doc, parsed, entities)

    monkeypatch.setattr(pipeline, "extract_statements", flaky)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"r{n}.txt").write_text(report(n), encoding="utf-8")
    with open_store(str(tmp_path / "x.db")) as store:
        summary = build([corpus], store, workers=1)
        assert summary.added == 2
        assert len(summary.rejected) == 1, summary.rejected
        [rejected] = summary.rejected
        assert rejected.ref.endswith("r1.txt")
        assert "ValueError: min() arg is an empty sequence" in rejected.reason
        assert [r.ref for r in store.rejections()] == [rejected.ref]


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02binary"])
def test_pipeline_unreadable_input_is_a_rejection_not_an_error(nlp, data):
    assert isinstance(pipeline.process(RawDocument("bad.txt", "txt", data), nlp), Rejection)
