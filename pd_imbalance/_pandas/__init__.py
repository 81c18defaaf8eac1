"""The pandas boundary: between the verbs (DataFrames) and the numpy core (arrays).

Shared by the pandas verbs and the dask door's tasks:

* :mod:`.target` resolves the target (and model-output) columns and carries the target in
  ``attrs``;
* :mod:`.labels` turns a label column into a class table and compact per-row codes;
* :mod:`.checks` validates labels (pandera) and class sizes, and checks splits;
* :mod:`.features` classifies, checks and encodes feature columns for SMOTE;
* :mod:`.model_output` reads predictions and scores and picks the positive class;
* :mod:`.prior_inputs` reads and checks the class shares given for prior correction;
* :mod:`.index_rule` decides the index labels of synthetic rows;
* :mod:`.materialize` turns a plan back into a DataFrame in the input's dtypes.
"""
