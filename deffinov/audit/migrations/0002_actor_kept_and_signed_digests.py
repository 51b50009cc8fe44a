import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="auteur",
            ),
        ),
        migrations.CreateModel(
            name="AuditDigest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sequence", models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="numéro")),
                ("at", models.DateTimeField(editable=False, verbose_name="date")),
                ("event_count", models.PositiveBigIntegerField(editable=False, verbose_name="nombre d'événements")),
                (
                    "head_sequence",
                    models.PositiveBigIntegerField(editable=False, verbose_name="numéro du dernier événement"),
                ),
                (
                    "head_hash",
                    models.CharField(editable=False, max_length=64, verbose_name="empreinte du dernier événement"),
                ),
                (
                    "previous_signature",
                    models.CharField(editable=False, max_length=64, verbose_name="signature précédente"),
                ),
                ("key_fingerprint", models.CharField(editable=False, max_length=16, verbose_name="empreinte de la clé")),
                (
                    "signature",
                    models.CharField(editable=False, max_length=64, unique=True, verbose_name="signature HMAC-SHA256"),
                ),
            ],
            options={
                "verbose_name": "empreinte signée du journal d'audit",
                "verbose_name_plural": "empreintes signées du journal d'audit",
                "ordering": ["-sequence"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("event_count__lte", models.F("head_sequence"))),
                        name="audit_digest_count_within_head",
                    )
                ],
            },
        ),
    ]
