from .cli.commands import main

# Guarded: a worker process (generator/engine/background.py) may import the main module.
if __name__ == "__main__":
    main()
