"""A tiny HTTP service that says which node answered."""
import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return {"node": os.environ.get("APP_ID", "unknown"), "status": "ok"}


@app.route("/health")
def health():
    return "ok\n"


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
