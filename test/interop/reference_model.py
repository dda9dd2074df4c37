"""The Python reference TrainingBOM, written field for field from shared/spec/training-bom-spec.md.

It is the yardstick our TypeScript output is checked against: add nothing the spec does not have.
"""
from typing import Dict, List

from pydantic import BaseModel


class TrainingBOM(BaseModel):
    """Represent a Bill of Materials for model training."""

    class DatasetInfo(BaseModel):
        """Represents training dataset information for the Bill of Materials."""

        origin: str
        size: int = 0

    class FeatureInfo(BaseModel):
        """Represents feature engineering/selection information for the Bill of Materials."""

        original_features: List[str] = []
        selected_features: List[str] = []

    class ModelInfo(BaseModel):
        """Represents training model information for the Bill of Materials."""

        type: str
        architecture: str

    id: str
    start_time: str
    end_time: str
    dataset_info: DatasetInfo
    feature_info: FeatureInfo
    model_info: ModelInfo
    mlflow_params: Dict
    mlflow_metrics: Dict
