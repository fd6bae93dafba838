/** For generators of other projects (the API server's resolver types): run @graphql-codegen and format. */
export { generatedFiles } from './generate';
export { codegenConfig as contractCodegenConfig } from './config';
export { SCHEMA_PATH, GENERATED_PATH } from './paths';
export { writeGenerated } from './write';
