import clip80 from '../data/imagenet_templates.json' with { type: 'json' };
import styleclip79 from '../data/imagenet_templates_styleclip79.json' with { type: 'json' };

/**
 * - `styleclip79`: StyleCLIP's list (OpenAI's minus 'a photo of many {}.'); use it to reproduce StyleCLIP's
 *   text directions.
 * - `clip80`: OpenAI's 80 ImageNet prompt-engineering templates.
 */
export type TemplateSet = 'styleclip79' | 'clip80';

export const TEMPLATE_SETS: readonly TemplateSet[] = ['styleclip79', 'clip80'];

function checked(name: TemplateSet, list: unknown, expectedCount: number): readonly string[] {
  if (!Array.isArray(list) || list.length !== expectedCount) {
    throw new Error(
      `template set ${name}: expected an array of ${expectedCount} templates in the package data`,
    );
  }
  list.forEach((template, i) => {
    if (typeof template !== 'string' || template.split('{}').length !== 2) {
      throw new Error(
        `template set ${name}: template ${i} ${JSON.stringify(template)} must contain '{}' once`,
      );
    }
  });
  return Object.freeze([...(list as string[])]);
}

const SETS: Readonly<Record<TemplateSet, readonly string[]>> = {
  styleclip79: checked('styleclip79', styleclip79, 79),
  clip80: checked('clip80', clip80, 80),
};

/** The templates of a set, each with one `{}` placeholder, in their original order. */
export function templates(set: TemplateSet = 'styleclip79'): readonly string[] {
  const list = SETS[set];
  if (!list)
    throw new Error(
      `templates: unknown template set ${JSON.stringify(set)}; use one of ${TEMPLATE_SETS.join(', ')}`,
    );
  return list;
}

/** Every template with `text` inserted verbatim (no article fix-ups, like StyleCLIP's `template.format(text)`). */
export function formatTemplates(text: string, set: TemplateSet = 'styleclip79'): string[] {
  return templates(set).map((template) => template.replace('{}', () => text));
}
