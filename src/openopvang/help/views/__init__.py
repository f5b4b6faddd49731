"""Help pages: the public ones (public.py, no login) and the staff ones (staff.py)."""
