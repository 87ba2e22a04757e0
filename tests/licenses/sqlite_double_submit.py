"""A double click on "Send" in the embedded setup, as two requests at once on the SQLite file the settings name.

Run by `test_embedded_sqlite.py` in a process of its own (see there why); prints one line of JSON: what each
request answered, and how many times the application was sent.
"""

import json
import threading
import time

import django

django.setup()

from django.contrib.messages import get_messages  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from licenses.models import ApplicationEvent, Status  # noqa: E402
from licenses.services import notices  # noqa: E402
from tests.factories import FamilyProfileFactory  # noqa: E402
from tests.licenses.factories import complete_application  # noqa: E402


def main() -> None:
    family = FamilyProfileFactory()
    application = complete_application(family=family)
    # The first to take the database holds it a moment, so that the other surely waits for it.
    told = notices.application_status_changed

    def slow(**kwargs):
        told(**kwargs)
        time.sleep(0.5)

    notices.application_status_changed = slow
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(family.user)
    barrier = threading.Barrier(len(clients))
    answers = []

    def send(client):
        try:
            barrier.wait()
            response = client.post(f"/en/applications/{application.pk}/submit/", {"confirm": "on"})
            messages = [str(message) for message in get_messages(response.wsgi_request)]
            answers.append({"status": response.status_code, "messages": messages})
        except Exception as error:  # what failed is the result under test
            answers.append({"error": f"{type(error).__name__}: {error}"})
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    sent = ApplicationEvent.objects.filter(application=application, to_status=Status.SUBMITTED).count()
    print(json.dumps({"answers": answers, "sent": sent}))


if __name__ == "__main__":
    main()
