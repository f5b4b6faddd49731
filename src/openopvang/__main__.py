import sys

from openopvang.cli import main

sys.exit(main())
