#!/usr/bin/env python3
"""Validates Schema/openapi.yaml against the OpenAPI 3.1 specification (installs the validator from PyPI if needed)."""
import pathlib
import subprocess
import sys

try:
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "openapi-spec-validator"])
    from openapi_spec_validator import validate
    from openapi_spec_validator.readers import read_from_filename

spec = pathlib.Path(__file__).resolve().parent.parent / "Schema" / "openapi.yaml"
document, _ = read_from_filename(str(spec))
validate(document)
print(f"openapi: {spec.name} is a valid OpenAPI {document['openapi']} document")
