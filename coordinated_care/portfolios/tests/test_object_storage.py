"""Uploads in S3-compatible object storage (STORAGE_S3_BUCKET): what the settings make of the
environment, and a file stored, served to its reader and removed through it, against an S3
endpoint held in memory."""

import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
from django.urls import reverse
from moto import mock_aws

from coordinated_care.portfolios import uploads

from .builders import PDF_BYTES, pdf

ROOT = Path(__file__).resolve().parents[3]
BUCKET = "portfolio-uploads"
ENVIRONMENT = {
    "STORAGE_S3_BUCKET": BUCKET,
    "STORAGE_S3_REGION": "eu-west-2",
    "STORAGE_S3_ACCESS_KEY_ID": "testing",
    "STORAGE_S3_SECRET_ACCESS_KEY": "testing",
}


def storage_settings_from(environment):
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.local", **environment}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def s3_storage():
    return storage_settings_from(ENVIRONMENT)


def test_the_environment_chooses_private_object_storage(s3_storage):
    assert s3_storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = s3_storage["OPTIONS"]
    assert options["bucket_name"] == BUCKET and options["region_name"] == "eu-west-2"
    assert options["default_acl"] == "private" and options["file_overwrite"] is False


def test_without_a_bucket_uploads_stay_on_the_filesystem():
    assert storage_settings_from({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"


@pytest.fixture
def in_object_storage(settings, s3_storage):
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-2")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage}
        yield s3


def test_a_file_is_stored_in_the_bucket_served_to_its_reader_and_removed(
    in_object_storage, enrolment, learner, signed_in, django_capture_on_commit_callbacks
):
    attachment = uploads.store_upload(enrolment, pdf(), learner)
    key = f"uploads/{attachment.file.name}"
    assert in_object_storage.get_object(Bucket=BUCKET, Key=key)["Body"].read() == PDF_BYTES

    url = reverse("portfolios:attachment", args=[enrolment.uuid, attachment.uuid])
    response = signed_in(enrolment.facilitator).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES

    remove = reverse("portfolios:remove_attachment", args=[enrolment.uuid, attachment.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(learner).post(remove)
    assert in_object_storage.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == 0
