// rehearse: being written
