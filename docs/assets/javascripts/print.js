// print: being written
