import "reflect-metadata";
console.log("localport daemon 0.1.0");
