"""The `hlsnn` command installed with the package: runs the C++ binary shipped inside it."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main():
    binary = Path(__file__).resolve().parent / "bin" / "hlsnn"
    if not binary.is_file():
        sys.exit(f"hlsnn: error: the command's binary is missing ({binary}); reinstall hlsnn")
    os.execv(binary, [str(binary), *sys.argv[1:]])


if __name__ == "__main__":
    main()
