"""placeholder"""

def command(args):
    raise SystemExit("not yet")
