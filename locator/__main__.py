"""``python -m locator``: the same CLI as the ``locator`` command."""

from locator.cli.main import main

if __name__ == "__main__":
    main()
