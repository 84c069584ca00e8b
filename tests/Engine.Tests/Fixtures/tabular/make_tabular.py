"""Reference values for NNTools.Data.Preprocessing and NNTools.Training.ConfusionMatrix from
scikit-learn: StandardScaler's mean_ and scale_, OneHotEncoder's categories and codes, and
confusion_matrix / precision_recall_fscore_support (zero_division=0).

Run from this folder: python3 make_tabular.py  (writes tabular.json)
"""
import json

import numpy as np
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support
from sklearn.preprocessing import OneHotEncoder, StandardScaler

rng = np.random.RandomState(0)
numeric = rng.normal(loc=[3.0, -100.0, 0.5], scale=[1.5, 40.0, 1e-3], size=(25, 3))
numeric[:, 2] = np.round(numeric[:, 2], 6)
colours = rng.choice(["red", "green", "blue", "Blue"], size=25)
scaler = StandardScaler().fit(numeric)
encoder = OneHotEncoder().fit(colours.reshape(-1, 1))
encoded = np.hstack([scaler.transform(numeric), encoder.transform(colours.reshape(-1, 1)).toarray()])

actual = rng.randint(0, 4, size=60)
predicted = np.where(rng.rand(60) < 0.6, actual, rng.randint(0, 4, size=60))
predicted[predicted == 3] = 2  # class 3 is never predicted: precision 0 by zero_division=0
matrix = confusion_matrix(actual, predicted, labels=[0, 1, 2, 3])
p, r, f, s = precision_recall_fscore_support(actual, predicted, labels=[0, 1, 2, 3], zero_division=0)

with open("tabular.json", "w") as out:
    json.dump({
        "numeric": numeric.tolist(),
        "colours": colours.tolist(),
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "categories": [str(c) for c in encoder.categories_[0]],
        "encoded": encoded.tolist(),
        "confusion": matrix.reshape(-1).tolist(),
        "precision": p.tolist(),
        "recall": r.tolist(),
        "f1": f.tolist(),
        "support": s.tolist(),
    }, out, indent=1)
