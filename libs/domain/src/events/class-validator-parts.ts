// The parts of class-validator the hub uses, each from its own file. The package's index loads every decorator it
// ships — IsPhoneNumber with libphonenumber-js and its metadata, all of validator.js — ~3 MiB of JavaScript heap in
// every service that validates, none of it used (issue 16: the hub ≤ 2 GiB RSS). Same code, same messages: the
// index's validateSync is this Validator's (one instance, as class-validator's default container keeps).
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { Validator } from 'class-validator/cjs/validation/Validator.js';

export { getMetadataStorage } from 'class-validator/cjs/metadata/MetadataStorage.js';
export { ValidationTypes } from 'class-validator/cjs/validation/ValidationTypes.js';
export { registerDecorator } from 'class-validator/cjs/register-decorator.js';
export { ValidateNested } from 'class-validator/cjs/decorator/common/ValidateNested.js';
export type { ValidationArguments, ValidationError, ValidatorOptions } from 'class-validator';

const validator = new Validator();

/** class-validator's validateSync(object, options). */
export function validateSync(object: object, options?: ValidatorOptions): ValidationError[] {
  return validator.validateSync(object, options);
}
