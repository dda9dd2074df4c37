/**
 * The shape of the CycloneDX 1.6/1.7 JSON documents that `toCycloneDx` writes: the parts it fills, each
 * open to the rest of the standard through an index signature. The official JSON Schema is the authority.
 */

/** A name-value pair (`properties[]`); names may repeat. */
export interface CycloneDxProperty {
  /** Property name, `training-bom:…` for ours. */
  name: string;
  /** Property value. */
  value?: string;
}

/** A reference to an element of the same document by its `bom-ref`. */
export interface CycloneDxRef {
  /** The referenced `bom-ref`. */
  ref: string;
}

/** One entry of `modelCard.quantitativeAnalysis.performanceMetrics`. */
export interface CycloneDxPerformanceMetric {
  /** The metric's name (the `mlflow_metrics` key). */
  type?: string;
  /** The metric's value as text. */
  value?: string;
  /** The data slice it was computed on. */
  slice?: string;
}

/** A model card (`component.modelCard`). */
export interface CycloneDxModelCard {
  /** Hyper-parameters of the model's construction: task, architecture, datasets. */
  modelParameters?: {
    /** The learning task, e.g. `classification`. */
    task?: string;
    /** The architecture family (`model_info.architecture`). */
    architectureFamily?: string;
    /** The specific architecture (`model_info.type`). */
    modelArchitecture?: string;
    /** The training datasets, by reference to `data` components. */
    datasets?: CycloneDxRef[];
    /** Other model parameters of the standard. */
    [key: string]: unknown;
  };
  /** Performance metrics. */
  quantitativeAnalysis?: {
    /** One entry per metric. */
    performanceMetrics?: CycloneDxPerformanceMetric[];
    /** Other parts of the analysis. */
    [key: string]: unknown;
  };
  /** Free-form properties: the hyperparameters. */
  properties?: CycloneDxProperty[];
  /** Other model card parts. */
  [key: string]: unknown;
}

/** One entry of a `data` component's `data[]`. */
export interface CycloneDxComponentData {
  /** `dataset` for ours. */
  type: string;
  /** The dataset's name. */
  name?: string;
  /** Where the data is. */
  contents?: {
    /** URL of the data (an IRI reference). */
    url?: string;
    /** Configuration properties. */
    properties?: CycloneDxProperty[];
  };
  /** Other data fields of the standard. */
  [key: string]: unknown;
}

/** A component: the model (`machine-learning-model`), the dataset (`data`) or a tool. */
export interface CycloneDxComponent {
  /** Component type. */
  type: string;
  /** Component name. */
  name: string;
  /** Reference target, unique in the document. */
  'bom-ref'?: string;
  /** Version. */
  version?: string;
  /** Free-form properties. */
  properties?: CycloneDxProperty[];
  /** The model card, for `machine-learning-model` components. */
  modelCard?: CycloneDxModelCard;
  /** Dataset descriptions, for `data` components. */
  data?: CycloneDxComponentData[];
  /** Digests of the component's content (the model's, when it is one file; each model file's). */
  hashes?: CycloneDxHash[];
  /** Nested components: the model's files (`file` components), one per model artifact. */
  components?: CycloneDxComponent[];
  /** Other component fields of the standard. */
  [key: string]: unknown;
}

/** A digest of a component. */
export interface CycloneDxHash {
  /** The algorithm, e.g. `SHA-256`. */
  alg: string;
  /** The digest in lower-case hex. */
  content: string;
}

/** A named workflow parameter. */
export interface CycloneDxParameter {
  /** Parameter name (the `mlflow_params` key). */
  name?: string;
  /** Parameter value as text. */
  value?: string;
  /** The value's JSON type (`number`, `string`, …). */
  dataType?: string;
}

/** One input or output of a workflow. */
export interface CycloneDxWorkflowIo {
  /** `artifact`, `metrics`, … (outputs only). */
  type?: string;
  /** A resource of this document. */
  resource?: CycloneDxRef;
  /** Named parameters (inputs only). */
  parameters?: CycloneDxParameter[];
  /** Other fields of the standard. */
  [key: string]: unknown;
}

/** A workflow of `formulation[]`: the training run. */
export interface CycloneDxWorkflow {
  /** Reference target. */
  'bom-ref': string;
  /** The run's identifier (the BOM id). */
  uid: string;
  /** Task types: `build` for training. */
  taskTypes: string[];
  /** Inputs: the dataset, the parameters. */
  inputs?: CycloneDxWorkflowIo[];
  /** Outputs: the model. */
  outputs?: CycloneDxWorkflowIo[];
  /** Start, RFC 3339 with a timezone. */
  timeStart?: string;
  /** End, RFC 3339 with a timezone. */
  timeEnd?: string;
  /** Free-form properties. */
  properties?: CycloneDxProperty[];
  /** Other workflow fields of the standard. */
  [key: string]: unknown;
}

/** One entry of `formulation[]`. */
export interface CycloneDxFormula {
  /** Reference target. */
  'bom-ref'?: string;
  /** Workflows. */
  workflows?: CycloneDxWorkflow[];
  /** Other formula fields of the standard. */
  [key: string]: unknown;
}

/** One node of the dependency graph. */
export interface CycloneDxDependency {
  /** The dependent element. */
  ref: string;
  /** What it depends on. */
  dependsOn?: string[];
}

/** A CycloneDX 1.6 or 1.7 JSON document. */
export interface CycloneDxDocument {
  /** URL of the JSON Schema. */
  $schema?: string;
  /** Always `CycloneDX`. */
  bomFormat: 'CycloneDX';
  /** `1.6` or `1.7`. */
  specVersion: string;
  /** `urn:uuid:` and a lowercase UUID. */
  serialNumber?: string;
  /** Document version, 1 for ours. */
  version: number;
  /** Metadata: timestamp, tools, the described component, properties. */
  metadata?: {
    /** When the document was made. */
    timestamp?: string;
    /** The described component: the model. */
    component?: CycloneDxComponent;
    /** Free-form properties. */
    properties?: CycloneDxProperty[];
    /** Other metadata of the standard (`tools`, …). */
    [key: string]: unknown;
  };
  /** Components: the dataset. */
  components?: CycloneDxComponent[];
  /** The dependency graph. */
  dependencies?: CycloneDxDependency[];
  /** How the model was made: the training workflow. */
  formulation?: CycloneDxFormula[];
  /** Other top-level fields of the standard. */
  [key: string]: unknown;
}
