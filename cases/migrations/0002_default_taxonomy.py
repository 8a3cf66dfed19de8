"""Seed the incident types and bias bases from PRODUCT.md, mapped to CRDC categories.

Districts can relabel, reorder or deactivate them later; codes are stable.
"""

from django.db import migrations

INCIDENT_TYPES = [
    ("harassment", "Harassment", "Acoso"),
    ("bullying", "Bullying", "Intimidación (bullying)"),
    ("exclusion", "Exclusion", "Exclusión"),
    ("slur_graffiti", "Slurs or graffiti", "Insultos o grafitis"),
    ("discipline_disparity", "Unfair discipline", "Disciplina injusta"),
    ("denial_of_service", "Denied a service or accommodation", "Negación de un servicio o adaptación"),
    ("retaliation", "Retaliation for reporting", "Represalias por denunciar"),
    ("other", "Something else", "Otra cosa"),
]

# code, English, Spanish, CRDC category
BIAS_BASES = [
    ("race", "Race", "Raza", "race"),
    ("color", "Color", "Color de piel", "race"),
    ("national_origin", "National origin or ancestry", "Origen nacional o ascendencia", "race"),
    ("sex", "Sex, including sexual harassment", "Sexo, incluido el acoso sexual", "sex"),
    ("sexual_orientation", "Sexual orientation", "Orientación sexual", "sexual_orientation"),
    ("gender_identity", "Gender identity", "Identidad de género", "sex"),
    ("disability", "Disability", "Discapacidad", "disability"),
    ("religion", "Religion", "Religión", "religion"),
    ("english_learner", "English-learner status", "Estudiante de inglés", "race"),
    ("other", "Something else", "Otra cosa", ""),
]


def seed(apps, schema_editor):
    IncidentType = apps.get_model("cases", "IncidentType")
    BiasBasis = apps.get_model("cases", "BiasBasis")
    for order, (code, en, es) in enumerate(INCIDENT_TYPES):
        IncidentType.objects.get_or_create(
            code=code, defaults={"label_en": en, "label_es": es, "order": order}
        )
    for order, (code, en, es, crdc) in enumerate(BIAS_BASES):
        BiasBasis.objects.get_or_create(
            code=code,
            defaults={"label_en": en, "label_es": es, "order": order, "crdc_category": crdc},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
