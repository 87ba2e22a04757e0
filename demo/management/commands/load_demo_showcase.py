"""Demo data for the products showcase: a few licence holders of the demo year publish their products with photos
drawn on the spot (Pillow: nothing is downloaded), the demo reviewer approves them, and one change waits in the
moderation queue, so `make run` shows the public showcase, the family's card and the admin's queue.

Everything goes through the real services. As in `load_demo_data`, only the demo family is told, and the outbox
sends nothing anywhere. Run by `load_demo_data`; never in
production; a second run adds nothing.
"""

import io
import random

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from demo.content import SHOWCASE_DESCRIPTIONS
from demo.management.commands.load_demo_data import DEMO_FAMILY_EMAIL, DEMO_LICENCE_PREFIX, DEMO_REVIEWER_EMAIL
from families.models import User
from intaj_portal.celery import background_work_withheld
from licenses.models import Licence
from showcase import services
from showcase.models import Entry
from showcase.workflow import Status

ENTRIES = 8
PALETTE = [(122, 31, 43), (168, 137, 79), (47, 111, 94), (61, 90, 152), (181, 101, 29), (107, 76, 154)]


def demo_photo(rng: random.Random, number: int) -> SimpleUploadedFile:
    """A small JPEG "product photo": a warm background and a few shapes, different for each number."""
    background = rng.choice(PALETTE)
    image = Image.new("RGB", (960, 720), background)
    draw = ImageDraw.Draw(image)
    for _ in range(4):
        x, y, size = rng.randint(80, 700), rng.randint(60, 480), rng.randint(90, 220)
        colour = tuple(min(255, channel + rng.randint(40, 110)) for channel in background)
        draw.ellipse((x, y, x + size, y + size), fill=colour)
    draw.rectangle((0, 620, 960, 720), fill=(250, 246, 240))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile(f"product-{number}.jpg", buffer.getvalue(), content_type="image/jpeg")


class Command(BaseCommand):
    help = "Load the demo showcase: a few approved entries with generated photos and one change waiting."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production.")
        if Entry.objects.filter(licence__number__startswith=DEMO_LICENCE_PREFIX).exists():
            self.stdout.write("Demo showcase already loaded: nothing to do.")
            return
        reviewer = User.objects.filter(email=DEMO_REVIEWER_EMAIL).first()
        if reviewer is None:
            raise CommandError("Run `manage.py load_demo` first: the demo showcase uses its reviewer.")
        today = timezone.localdate()
        licences = list(
            Licence.objects.filter(number__startswith=DEMO_LICENCE_PREFIX, expires_on__gte=today)
            .select_related("package", "family__user")
            .prefetch_related("activities")
            .order_by("-family__user__email", "pk")  # the demo family's own licence among the first
        )
        licences.sort(key=lambda licence: licence.family.user.email != DEMO_FAMILY_EMAIL)
        rng = random.Random(2009)
        photos = 0
        with background_work_withheld(), transaction.atomic():
            for number, licence in enumerate(licences[:ENTRIES]):
                arabic, english = SHOWCASE_DESCRIPTIONS[licence.package.code]
                pictures = [demo_photo(rng, number * 10 + side) for side in range(rng.randint(1, 3))]
                version = services.entry_submit(
                    licence=licence,
                    actor=licence.family.user,
                    content={
                        "show_trade_name": True,
                        "description_ar": arabic,
                        "description_en": english,
                        "whatsapp": f"+97150{1000000 + number * 7919:07d}",
                        "instagram": f"intaj.demo.{number + 1}",
                    },
                    activities=list(licence.activities.all()),
                    photos_new=pictures,
                )
                photos += len(pictures)
                if number == ENTRIES - 1:
                    continue  # waits in the moderation queue
                services.version_transition(
                    version=version,
                    to_status=Status.APPROVED,
                    actor=reviewer,
                    notify_family=licence.family.user.email == DEMO_FAMILY_EMAIL,
                )
        self.stdout.write(f"Demo showcase: {min(len(licences), ENTRIES)} entries, {photos} photos, one waiting.")
