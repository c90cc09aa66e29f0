"""Party dues (党费): each member's base for a year, and what was paid for each month of it."""
from peewee import CharField, Check, DateField, ForeignKeyField, IntegerField

from models.records.schema.registry import Member
from models.store import TrackedModel


class DuesBase(TrackedModel):
    """A member's dues for one year (党费基数): the category, the monthly income it is reckoned on, the amount due."""
    member = ForeignKeyField(Member, on_delete="CASCADE", backref="dues_bases")
    year = IntegerField()
    category = CharField(max_length=20)                # dues_rules.CATEGORIES
    income_fen = IntegerField(null=True)               # 税后月收入 (wage or pension); None where no rate applies
    due_fen = IntegerField()                           # 每月应交, as the rules gave it when the base was set
    note = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("member", "year"), True),)


class DuesPayment(TrackedModel):
    """One month of a member's year paid: when, and how much (never less than due; more if the member wishes)."""
    base = ForeignKeyField(DuesBase, on_delete="CASCADE", backref="payments")
    month = IntegerField()
    paid_on = DateField()
    amount_fen = IntegerField()
    note = CharField(max_length=200, default="")

    class Meta:
        indexes = ((("base", "month"), True),)
        constraints = [Check("month BETWEEN 1 AND 12")]
