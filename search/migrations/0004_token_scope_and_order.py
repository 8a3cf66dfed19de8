"""Copy the case's district, school and queue order keys onto its token rows.

The columns are added with a placeholder default (PostgreSQL stores it in the catalogue: no table
rewrite), filled by one set-based UPDATE ... FROM the cases (no per-row Python: ~29 million rows
at 1M reports), and only then indexed, which is faster than maintaining the index row by row.
"""

import datetime

from django.db import migrations, models

BACKFILL = """
UPDATE search_casesearchtoken
SET district_id = c.district_id,
    school_id = c.school_id,
    life_safety = c.life_safety,
    priority = c.priority,
    opened_on = c.opened_on,
    sequence = c.sequence
FROM cases_case AS c
WHERE c.id = search_casesearchtoken.case_id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_arrival_days"),
        ("search", "0003_move_trend_counts_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="casesearchtoken",
            name="district_id",
            field=models.BigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="casesearchtoken",
            name="school_id",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="casesearchtoken",
            name="life_safety",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="casesearchtoken",
            name="priority",
            field=models.PositiveSmallIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="casesearchtoken",
            name="opened_on",
            field=models.DateField(default=datetime.date(2000, 1, 1)),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="casesearchtoken",
            name="sequence",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop, elidable=True),
        migrations.AddIndex(
            model_name="casesearchtoken",
            index=models.Index(
                fields=[
                    "token",
                    "district_id",
                    "-life_safety",
                    "-priority",
                    "opened_on",
                    "sequence",
                    "case",
                ],
                name="search_token_topk",
            ),
        ),
    ]
