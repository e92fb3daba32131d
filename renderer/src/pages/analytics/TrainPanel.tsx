import { useMemo, useState, type FormEvent } from 'react';
import { ML_LIMITS, type ModelArchitecture, type ModelSummary, type TrainBody, type TrainingJobStatus } from '../../../../shared/api/ml.js';
import type { MarketZone } from '../../../../shared/api/zones.js';
import { engine } from '../../api/engine.js';
import { Field } from '../../components/Field.js';
import { FormError } from '../../components/FormError.js';
import { Panel } from '../../components/Panel.js';
import { SelectField } from '../../components/SelectField.js';
import { useAction } from '../../components/use-action.js';
import { toast } from '../../state/toast-store.js';
import { ARCHITECTURE_LABELS, ARCHITECTURES } from './architectures.js';
import { hyperparameterFields, hyperparametersOf } from './hyperparameter-fields.js';
import { HyperparameterInputs } from './HyperparameterInputs.js';
import { HYPERPARAMETER_SCHEMAS } from './hyperparameter-schemas.js';
import { TrainingJobRow } from './TrainingJobRow.js';
import { isActive } from './use-training-jobs.js';

interface Draft {
  architecture: ModelArchitecture;
  name: string;
  from: string;
  to: string;
  hyperparameters: Record<string, string>;
}

const NEW_DRAFT: Draft = { architecture: 'naive', name: '', from: '', to: '', hyperparameters: {} };

/**
 * A training job of the selected zone: architecture, name, delivery days and the
 * architecture's hyperparameters (each left empty takes its default); then its progress, live,
 * with every other job of the zone on this terminal.
 */
export function TrainPanel({ zone, jobs, models }: { zone: MarketZone; jobs: readonly TrainingJobStatus[]; models: readonly ModelSummary[] }) {
  const [draft, setDraft] = useState<Draft>(NEW_DRAFT);
  const schema = HYPERPARAMETER_SCHEMAS[draft.architecture];
  const fields = useMemo(() => (schema ? hyperparameterFields(schema) : []), [schema]);
  const parsed = hyperparametersOf(fields, draft.hyperparameters);
  const [attempted, setAttempted] = useState(false);

  const [train, training] = useAction(async (architecture: ModelArchitecture, body: TrainBody) => {
    await engine.trainModel(architecture, body);
    toast('success', `Training ${body.name ?? ARCHITECTURE_LABELS[architecture]} for ${zone.id}`, 'Its progress shows below.');
    setDraft((current) => ({ ...current, name: '' }));
    setAttempted(false);
  });

  const change = (patch: Partial<Draft>): void => setDraft((current) => ({ ...current, ...patch }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(parsed.problems).length > 0) return;
    const body: TrainBody = {
      zone: zone.id,
      ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
      ...(draft.from ? { from: draft.from } : {}),
      ...(draft.to ? { to: draft.to } : {}),
      ...(Object.keys(parsed.values).length > 0 ? { hyperparameters: parsed.values } : {}),
    };
    train(draft.architecture, body);
  };

  const architectureError = training.fieldError('params.architecture');
  const nameOf = (modelId: string): string => models.find((model) => model.id === modelId)?.name ?? 'New model';
  const zoneJobs = jobs.filter((job) => job.zoneId === zone.id).sort((a, b) => Number(isActive(b)) - Number(isActive(a)));

  return (
    <Panel headingId="train-heading" title="Train a model" aside={`${zone.id} day-ahead · the last ${String(ML_LIMITS.validationDays)} days held back to validate`}>
      <form className="panel__body" onSubmit={onSubmit} noValidate aria-label="Train a model">
        <div className="form-row">
          <SelectField
            label="Architecture"
            value={draft.architecture}
            onChange={(event) => change({ architecture: event.target.value as ModelArchitecture, hyperparameters: {} })}
            options={ARCHITECTURES.map((architecture) => ({ value: architecture, label: ARCHITECTURE_LABELS[architecture] }))}
            error={architectureError}
          />
          <Field label="Name" value={draft.name} placeholder={`${draft.architecture} ${zone.id} <last day>`} maxLength={ML_LIMITS.nameLength} onChange={(event) => change({ name: event.target.value })} error={training.fieldError('body.name')} />
        </div>
        <div className="form-row">
          <Field label="First day" type="date" value={draft.from} onChange={(event) => change({ from: event.target.value })} error={training.fieldError('body.from')} hint="Empty: the first day with prices" />
          <Field label="Last day" type="date" value={draft.to} onChange={(event) => change({ to: event.target.value })} error={training.fieldError('body.to')} hint="Empty: the last day with prices" />
        </div>
        {fields.length > 0 ? (
          <fieldset className="hyperparameter-set">
            <legend>Hyperparameters (empty: the default shown)</legend>
            <HyperparameterInputs
              fields={fields}
              texts={draft.hyperparameters}
              onChange={(name, text) => change({ hyperparameters: { ...draft.hyperparameters, [name]: text } })}
              errorOf={(name) => (attempted ? (parsed.problems[name] ?? null) : null) ?? training.fieldError(`body.hyperparameters.${name}`)}
            />
          </fieldset>
        ) : (
          <p className="muted">{ARCHITECTURE_LABELS[draft.architecture]} trains with its default hyperparameters in this build.</p>
        )}
        <FormError message={training.formError} />
        <button type="submit" className="button button--primary" disabled={training.busy}>
          {training.busy ? 'Starting…' : 'Train'}
        </button>
      </form>
      <h3 className="panel__subheading" id="training-jobs-heading">
        Training jobs on this terminal
      </h3>
      {zoneJobs.length === 0 ? (
        <p className="panel__empty">No training of {zone.id} since the terminal started.</p>
      ) : (
        <ul className="training-jobs" aria-labelledby="training-jobs-heading">
          {zoneJobs.map((job) => (
            <TrainingJobRow key={job.jobId} job={job} name={nameOf(job.modelId)} currency={zone.currency} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
