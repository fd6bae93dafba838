import { storedDataSuite } from './testing/stored-data-suite';

// Damaged records and blobs, hostile uploads: S3 storage (s3rver on loopback).
storedDataSuite('s3');
