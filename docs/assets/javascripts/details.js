// details: being written
