from .cli import main

# Guarded: a worker process (generator/plugin/background.py) may import the main module.
if __name__ == "__main__":
    main()
