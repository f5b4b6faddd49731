"""Victims for the project-wide isolation walk. The reports pages have no
object routes (no id in a URL): every figure is read through
DailyFigure.objects.for_user, and the leak walk requests the pages as users
of other organisations."""
