"""S3-compatible object storage for the tests: moto's standalone server, for real over HTTP on a free local port.

`S3Server.start()` runs it in a thread of the test process (werkzeug); `bucket()` makes a fresh, empty bucket and
`environment(bucket)` the `S3_*` variables that point the portal (this process through `env_storage`, or a
subprocess such as gunicorn) at it.
"""

import socket
import uuid

import boto3
from botocore.config import Config

ACCESS_KEY, SECRET_KEY, REGION = "intaj-test", "intaj-test-secret", "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3Server:
    def __init__(self):
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self.client = boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            config=Config(connect_timeout=2, read_timeout=5, retries={"total_max_attempts": 1}),
        )

    def bucket(self) -> str:
        name = f"intaj-{uuid.uuid4().hex[:12]}"
        self.client.create_bucket(Bucket=name)
        return name

    def environment(self, bucket: str, *, endpoint_url: str | None = None, **overrides) -> dict[str, str]:
        return {
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": endpoint_url or self.endpoint_url,
            "S3_REGION": REGION,
            "S3_ACCESS_KEY_ID": ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": SECRET_KEY,
            **overrides,
        }

    def keys(self, bucket: str) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=bucket).get("Contents", [])
        return sorted(item["Key"] for item in listed)

    def read(self, bucket: str, key: str) -> bytes:
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def stop(self):
        self._server.stop()
