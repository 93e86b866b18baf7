#!/usr/bin/env node
import "reflect-metadata";
console.log("localport 0.1.0");
