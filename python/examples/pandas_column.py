"""Scoring a DataFrame column: one column per criterion, joined back."""

import pandas as pd

from eqscore.integrations.pandas import score_frame

df = pd.DataFrame(
    {
        "message": ["I lost my job today.", "My cat died.", "我今天很难过。"],
        "reply": [
            "I'm so sorry, that must be a shock. Do you want to talk about what happened?",
            "Cats die. Get a new one.",
            "听起来你真的很难过，愿意和我说说发生了什么吗？",
        ],
    }
)
scored = df.join(score_frame(df["reply"], df["message"]))
pd.set_option("display.width", 200)
pd.set_option("display.max_columns", None)
pd.set_option("display.max_colwidth", 30)
print(scored[["reply", "score", "passed", "acknowledges_feelings", "invites_sharing", "avoids_dismissal"]])
