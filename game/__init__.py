"""Strategic Convergence: a turn-based simulation of India-US defence and trade relations."""

__version__ = "0.1.0"
