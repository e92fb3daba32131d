import type { HyperparameterField } from './hyperparameter-fields.js';
import { defaultText, labelOf, selectOptions } from './hyperparameter-fields.js';
import { Field } from '../../components/Field.js';
import { SelectField } from '../../components/SelectField.js';

interface HyperparameterInputsProps {
  fields: readonly HyperparameterField[];
  texts: Readonly<Record<string, string>>;
  onChange: (name: string, text: string) => void;
  /** The message for a field: the form's own reading of it, or the engine's. */
  errorOf: (name: string) => string | null;
}

const rangeHint = (field: Extract<HyperparameterField, { kind: 'number' }>): string | null =>
  field.minimum !== null && field.maximum !== null ? `${String(field.minimum)} to ${String(field.maximum)}` : null;

/** The architecture's hyperparameters, each empty by default (its default shown as the placeholder). */
export function HyperparameterInputs({ fields, texts, onChange, errorOf }: HyperparameterInputsProps) {
  return (
    <div className="form-row hyperparameters">
      {fields.map((field) => {
        const hint = [field.kind === 'number' ? rangeHint(field) : null, field.description].filter(Boolean).join(' · ') || undefined;
        if (field.kind === 'choice' || field.kind === 'choices') {
          return (
            <SelectField
              key={field.name}
              label={labelOf(field.name)}
              value={texts[field.name] ?? ''}
              onChange={(event) => onChange(field.name, event.target.value)}
              options={[{ value: '', label: `default (${defaultText(field)})` }, ...selectOptions(field)]}
              error={errorOf(field.name)}
              hint={hint}
            />
          );
        }
        return (
          <Field
            key={field.name}
            label={labelOf(field.name)}
            inputMode={field.kind === 'number' && !field.integer ? 'decimal' : 'numeric'}
            value={texts[field.name] ?? ''}
            placeholder={defaultText(field)}
            onChange={(event) => onChange(field.name, event.target.value)}
            error={errorOf(field.name)}
            hint={hint}
          />
        );
      })}
    </div>
  );
}
